module.exports = {
  displayName: 'audit-contracts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

module.exports = {
  displayName: 'audit-domain',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

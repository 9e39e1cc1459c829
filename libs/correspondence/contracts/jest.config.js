module.exports = {
  displayName: 'correspondence-contracts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

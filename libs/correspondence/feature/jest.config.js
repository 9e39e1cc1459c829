module.exports = {
  displayName: 'correspondence-feature',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

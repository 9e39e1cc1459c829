module.exports = {
  displayName: 'identity-matching-feature',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

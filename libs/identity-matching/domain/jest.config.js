module.exports = {
  displayName: 'identity-matching-domain',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

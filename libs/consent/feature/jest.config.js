module.exports = {
  displayName: 'consent-feature',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

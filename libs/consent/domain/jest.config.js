module.exports = {
  displayName: 'consent-domain',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

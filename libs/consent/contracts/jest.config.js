module.exports = {
  displayName: 'consent-contracts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

module.exports = {
  displayName: 'platform-security',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

module.exports = {
  displayName: 'platform-read-models',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

module.exports = {
  displayName: 'platform-relay',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

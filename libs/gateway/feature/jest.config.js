module.exports = {
  displayName: 'gateway-feature',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

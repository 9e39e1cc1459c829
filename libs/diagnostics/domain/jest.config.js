module.exports = {
  displayName: 'diagnostics-domain',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

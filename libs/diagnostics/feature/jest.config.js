module.exports = {
  displayName: 'diagnostics-feature',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

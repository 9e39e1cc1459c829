module.exports = {
  displayName: 'diagnostics-contracts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

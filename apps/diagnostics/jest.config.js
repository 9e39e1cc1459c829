module.exports = {
  displayName: 'diagnostics',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};

module.exports = {
  displayName: 'record-projection-feature',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

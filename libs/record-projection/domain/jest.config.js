module.exports = {
  displayName: 'record-projection-domain',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

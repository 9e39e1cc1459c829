module.exports = {
  displayName: 'record-projection',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};

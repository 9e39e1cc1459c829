module.exports = {
  displayName: 'record-projection-contracts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

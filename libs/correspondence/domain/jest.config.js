module.exports = {
  displayName: 'correspondence-domain',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

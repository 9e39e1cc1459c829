module.exports = {
  displayName: 'correspondence',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};

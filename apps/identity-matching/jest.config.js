module.exports = {
  displayName: 'identity-matching',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};

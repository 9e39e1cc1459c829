module.exports = {
  displayName: 'identity-matching-contracts',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
};

// roots keeps Jest out of .venv/ and data/.
module.exports = {
  displayName: 'febrl-bench',
  preset: '../../../../jest.preset.js',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
};

module.exports = {
  displayName: 'match-latency-bench',
  preset: '../../../../jest.preset.js',
  rootDir: __dirname,
};

module.exports = { displayName: 'k8s-check', preset: '../../jest.preset.js', rootDir: __dirname };

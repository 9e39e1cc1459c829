module.exports = { displayName: 'demo-region', preset: '../../jest.preset.js', rootDir: __dirname };

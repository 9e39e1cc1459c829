module.exports = { displayName: 'identity-data', preset: '../../jest.preset.js', rootDir: __dirname };

const preset = require('../../../jest.preset.js');

module.exports = {
  displayName: 'platform-security',
  preset: '../../../jest.preset.js',
  rootDir: __dirname,
  // jose 6 is ESM-only: Node 20.19+ requires it natively, Jest's CommonJS runtime cannot, so SWC
  // converts it for the tests here (the lib itself loads it lazily, see jose.loader.ts).
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  transform: {
    ...preset.transform,
    '^.+/node_modules/jose/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
};

// Shared Jest preset. Tests compile with SWC (decorators + metadata, as Nest needs) and resolve
// `@ilinks/*` through tsconfig.base.json paths. ILINKS_TEST_KIND picks the kind of test:
//   unit (default): *.spec.ts and *.e2e-spec.ts, no external services;
//   integration:   *.int-spec.ts, against real Kafka and a MongoDB-wire server.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const tsconfig = JSON.parse(readFileSync(join(__dirname, 'tsconfig.base.json'), 'utf8'));
const moduleNameMapper = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace(/[/\-]/g, (c) => `\\${c}`)}$`,
    join(__dirname, target),
  ]),
);

const kind = process.env.ILINKS_TEST_KIND ?? 'unit';
const testMatch =
  kind === 'integration'
    ? ['<rootDir>/**/*.int-spec.ts']
    : ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.e2e-spec.ts'];

module.exports = {
  testEnvironment: 'node',
  setupFiles: [require.resolve('reflect-metadata')],
  testMatch,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  // jose 6 is ESM-only: Node 20.19+ requires it natively, Jest's CommonJS runtime cannot, so SWC
  // converts it for tests.
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  transform: {
    '^.+/node_modules/jose/.+\\.js$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs' } },
    ],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  testTimeout: 30000,
};

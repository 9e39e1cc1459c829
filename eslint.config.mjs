import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const infrastructureImports = [
  '@nestjs/*',
  'mongoose',
  'mongodb',
  'kafkajs',
  'better-sqlite3',
  '@eventstore/*',
  '@opentelemetry/*',
  'express',
  'pino',
  'jose',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  prettier,
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.nx',
      '**/coverage',
      '**/.data',
      '**/.venv',
      '**/.infra',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Decorated settings need an explicit type for their reflected metadata.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings through a typed config class (libs/platform/config).',
        },
      ],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:feature', 'type:platform', 'type:util', 'type:contracts'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:platform', 'type:util', 'type:testing', 'type:contracts'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:contracts',
                'type:platform',
                'type:util',
                'type:testing',
              ],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:util', 'type:testing'],
              bannedExternalImports: [...infrastructureImports, 'class-validator', 'class-transformer'],
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:util'],
              bannedExternalImports: infrastructureImports,
            },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:platform', 'type:util', 'type:testing'],
            },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:platform'] },
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:util'],
              bannedExternalImports: infrastructureImports,
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform', 'scope:shared'] },
            ...[
              'identity-matching',
              'consent',
              'record-projection',
              'correspondence',
              'diagnostics',
              'audit',
              'gateway',
            ].map((context) => ({
              sourceTag: `scope:${context}`,
              onlyDependOnLibsWithTags: [
                `scope:${context}`,
                'scope:shared',
                'scope:platform',
                'type:contracts',
                // The gateway is the policy enforcement point: it evaluates the consent context's
                // pure access decision itself, so a check costs no network call (ADR 0011).
                ...(context === 'gateway' ? ['access-policy'] : []),
              ],
            })),
          ],
        },
      ],
    },
  },
  {
    files: [
      'libs/platform/config/**/*.ts',
      'tools/**/*.ts',
      'apps/system-e2e/**/*.ts',
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.decider.ts', '**/*.evolve.ts', '**/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Deciders are pure: time comes in through the command.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Deciders are pure: time comes in through the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'Deciders are pure: ids and randomness come in through the command.',
        },
        {
          selector: "CallExpression[callee.name='randomUUID']",
          message: 'Deciders are pure: ids come in through the command.',
        },
      ],
    },
  },
];

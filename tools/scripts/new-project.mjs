#!/usr/bin/env node
// Scaffolds an Nx library or app the way this repo lays them out, and registers its import path.
// Usage: node tools/scripts/new-project.mjs lib <scope> <name> <type>   e.g. lib consent domain domain
//        node tools/scripts/new-project.mjs app <name> <scope>
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const [kind, ...args] = process.argv.slice(2);

function write(path, content) {
  if (existsSync(path)) return;
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
}

function jestConfig(dir, name) {
  const preset = relative(dir, join(root, 'jest.preset.js'));
  return `module.exports = {\n  displayName: '${name}',\n  preset: '${preset}',\n  rootDir: __dirname,\n};\n`;
}

function tsconfig(dir) {
  const base = relative(dir, join(root, 'tsconfig.base.json'));
  return (
    JSON.stringify(
      {
        extends: base,
        compilerOptions: { outDir: relative(dir, join(root, 'dist/out-tsc')), types: ['node', 'jest'] },
        include: ['src/**/*.ts'],
      },
      null,
      2,
    ) + '\n'
  );
}

function registerPath(alias, indexPath) {
  const file = join(root, 'tsconfig.base.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  config.compilerOptions.paths[alias] = [indexPath];
  config.compilerOptions.paths = Object.fromEntries(Object.entries(config.compilerOptions.paths).sort());
  writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
}

function lintTarget() {
  return { executor: '@nx/eslint:lint' };
}

function testTarget(dir) {
  return {
    executor: '@nx/jest:jest',
    outputs: [`{workspaceRoot}/coverage/{projectRoot}`],
    options: { jestConfig: `${relative(root, dir)}/jest.config.js`, passWithNoTests: true },
  };
}

if (kind === 'lib') {
  const [scope, name, type] = args;
  const dir = join(root, 'libs', scope, name);
  const projectName = `${scope}-${name}`;
  write(
    join(dir, 'project.json'),
    JSON.stringify(
      {
        name: projectName,
        $schema: relative(dir, join(root, 'node_modules/nx/schemas/project-schema.json')),
        sourceRoot: `libs/${scope}/${name}/src`,
        projectType: 'library',
        tags: [`scope:${scope}`, `type:${type}`],
        targets: { lint: lintTarget(), test: testTarget(dir) },
      },
      null,
      2,
    ) + '\n',
  );
  write(join(dir, 'jest.config.js'), jestConfig(dir, projectName));
  write(join(dir, 'tsconfig.json'), tsconfig(dir));
  write(join(dir, 'src/index.ts'), `export {};\n`);
  registerPath(`@ilinks/${scope}/${name}`, `libs/${scope}/${name}/src/index.ts`);
} else if (kind === 'app') {
  const [name, scope] = args;
  const dir = join(root, 'apps', name);
  write(
    join(dir, 'project.json'),
    JSON.stringify(
      {
        name,
        $schema: relative(dir, join(root, 'node_modules/nx/schemas/project-schema.json')),
        sourceRoot: `apps/${name}/src`,
        projectType: 'application',
        tags: [`scope:${scope}`, 'type:app'],
        targets: {
          build: {
            executor: '@nx/webpack:webpack',
            outputs: ['{options.outputPath}'],
            options: {
              outputPath: `dist/apps/${name}`,
              main: `apps/${name}/src/main.ts`,
              tsConfig: `apps/${name}/tsconfig.app.json`,
              webpackConfig: `apps/${name}/webpack.config.js`,
              target: 'node',
              compiler: 'tsc',
            },
          },
          lint: lintTarget(),
          test: testTarget(dir),
        },
      },
      null,
      2,
    ) + '\n',
  );
  write(join(dir, 'jest.config.js'), jestConfig(dir, name));
  write(join(dir, 'tsconfig.json'), tsconfig(dir));
  write(
    join(dir, 'tsconfig.app.json'),
    JSON.stringify(
      {
        extends: './tsconfig.json',
        exclude: ['src/**/*.spec.ts', 'src/**/*.int-spec.ts', 'src/**/*.e2e-spec.ts'],
      },
      null,
      2,
    ) + '\n',
  );
  write(
    join(dir, 'webpack.config.js'),
    `const { composePlugins, withNx } = require('@nx/webpack');\n\nmodule.exports = composePlugins(withNx({ target: 'node' }), (config) => {\n  config.output = { ...config.output, devtoolModuleFilenameTemplate: '[absolute-resource-path]' };\n  return config;\n});\n`,
  );
} else {
  console.error('usage: new-project.mjs lib <scope> <name> <type> | app <name> <scope>');
  process.exit(2);
}

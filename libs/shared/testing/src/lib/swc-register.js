/*
 * A tiny `require` hook so that a plain `node` child process can run the repo's TypeScript
 * (crash tests spawn one and kill it with SIGKILL; benchmarks run through it too):
 *
 *   node -r libs/shared/testing/src/lib/swc-register.js some-script.ts
 *
 * It compiles `.ts` files with @swc/core exactly as the Jest preset does (CommonJS, legacy
 * decorators with metadata) and resolves the `@ilinks/*` aliases of tsconfig.base.json.
 * No type checking: that is tsc's job.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

function findWorkspaceRoot(start) {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'tsconfig.base.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('swc-register: no tsconfig.base.json above ' + start);
    dir = parent;
  }
  return dir;
}

const root = findWorkspaceRoot(__dirname);
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = new Map(
  Object.entries(tsconfig.compilerOptions.paths || {}).map(([alias, targets]) => [
    alias,
    path.join(root, targets[0]),
  ]),
);

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveWithAliases(request, ...rest) {
  const target = aliases.get(request);
  return resolveFilename.call(this, target === undefined ? request : target, ...rest);
};

const swcOptions = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...swcOptions, filename });
  module._compile(code, filename);
};

#!/usr/bin/env node
// `npm start`: builds the embedded platform (Nx caches the build) and runs it in the foreground.
// `npm run rebuild-projections [-- service…]`: the same build, rebuilding views from the event stores.
import { spawn, spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;
const build = spawnSync('npx', ['nx', 'build', 'platform', '--outputStyle=static'], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);

const platform = spawn(
  process.execPath,
  ['--enable-source-maps', 'dist/apps/platform/main.js', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => platform.kill(signal));
platform.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

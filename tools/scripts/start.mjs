#!/usr/bin/env node
// `npm start`: builds the embedded platform (Nx caches the build) and runs it in the foreground.
// On a fresh data directory it then loads the synthetic demo region through the gateway
// (tools/demo-region; ILINKS_DEMO_REGION=false skips it, ILINKS_DEMO_PERSONS sizes it).
// `npm run rebuild-projections [-- service…]`: the same build, rebuilding views from the event stores.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const command = process.argv[2];
const dataDir = resolve(root, process.env.ILINKS_DATA_DIR || './.data');
const freshDataDir = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
const gateway = `http://127.0.0.1:${process.env.ILINKS_GATEWAY_PORT || 8080}`;

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

const wantsDemo = command === undefined && freshDataDir && process.env.ILINKS_DEMO_REGION !== 'false';
if (wantsDemo)
  loadDemoRegionWhenReady().catch((error) => console.error(`demo region not loaded: ${error.message}`));

async function loadDemoRegionWhenReady() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${gateway}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((wake) => setTimeout(wake, 500));
  }
  console.log('Loading the synthetic demo region through the gateway (first start only)…');
  const loader = spawn(
    process.execPath,
    [
      '-r',
      './libs/shared/testing/src/lib/swc-register.js',
      'tools/demo-region/load-demo-region.ts',
      '--gateway',
      gateway,
      '--persons',
      process.env.ILINKS_DEMO_PERSONS || '250',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  await new Promise((done) => loader.on('exit', done));
}

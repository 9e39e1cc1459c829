#!/usr/bin/env node
// Runs one kind of test across the whole workspace in a single Jest process and prints a plain
// summary line. `unit` needs no services (unit, contract-on-embedded-adapters and end-to-end tests);
// `integration` needs real Kafka and a MongoDB-wire server (see infra/local) and starts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const kind = process.argv[2];
const extraArgs = process.argv.slice(3);
if (kind !== 'unit' && kind !== 'integration') {
  console.error('usage: run-tests.mjs unit|integration [jest args]');
  process.exit(2);
}

function loadInfraEnv() {
  const file = join(root, '.infra', 'env');
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2];
  }
}

function reachable(hostPort) {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = createConnection({ host, port: Number(port), timeout: 2000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function requireServices() {
  loadInfraEnv();
  const missing = [];
  const kafka = process.env.KAFKA_BROKERS;
  const mongo = process.env.MONGODB_URL;
  if (!kafka) missing.push('KAFKA_BROKERS is not set');
  else if (!(await reachable(kafka.split(',')[0]))) missing.push(`no Kafka broker answers at ${kafka}`);
  if (!mongo) missing.push('MONGODB_URL is not set');
  else {
    const hostPort = new URL(mongo).host;
    if (!(await reachable(hostPort))) missing.push(`no MongoDB-wire server answers at ${hostPort}`);
  }
  if (missing.length > 0) {
    console.error(`Integration tests need real services: ${missing.join('; ')}.`);
    console.error('Start them with `bash infra/local/start.sh` (it writes .infra/env), then run this again.');
    process.exit(1);
  }
}

if (kind === 'integration') await requireServices();

const resultsDir = join(root, 'tmp', 'test-results');
mkdirSync(resultsDir, { recursive: true });
const resultsFile = join(resultsDir, `${kind}.json`);
const jestArgs = [
  join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
  '--config',
  join(root, 'jest.config.js'),
  '--json',
  `--outputFile=${resultsFile}`,
  ...(kind === 'integration' ? ['--runInBand'] : ['--maxWorkers=2']),
  // A leaked handle (a client a failed test never closed) must not hang CI after the results are in.
  '--forceExit',
  ...extraArgs,
];
const run = spawnSync(process.execPath, jestArgs, {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    ILINKS_TEST_KIND: kind,
    FORCE_COLOR: process.env.CI ? '0' : process.env.FORCE_COLOR,
  },
});

let passed = 0;
let failed = 0;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed =
    results.numFailedTests + (results.numRuntimeErrorTestSuites > 0 && results.numFailedTests === 0 ? 1 : 0);
}
console.log(`${kind}: ${passed} passed, ${failed} failed`);
process.exit(run.status ?? 1);

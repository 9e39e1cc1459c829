// A CPU profile of the platform child process while a bench runs (`--cpu-prof` is not allowed in
// NODE_OPTIONS, `--require` is):
//   BENCH_CPU_PROFILE_DIR=/tmp/prof NODE_OPTIONS="--require $PWD/tools/bench/letters-and-results/cpu-profile.preload.js" \
//     node -r ./libs/shared/testing/src/lib/swc-register.js tools/bench/letters-and-results/letters-and-results.bench.ts …
// Only the process running apps/platform's main.ts profiles; it writes `platform-<pid>.cpuprofile`
// when it exits (the bench stops it with SIGTERM, on which it exits normally). Open it in Chrome
// DevTools or summarise it by self time.
'use strict';
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const directory = process.env.BENCH_CPU_PROFILE_DIR;
if (directory && process.argv.some((argument) => argument.endsWith('apps/platform/src/main.ts'))) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // Same-thread inspector messages are dispatched synchronously, so this runs before exit.
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      mkdirSync(directory, { recursive: true });
      writeFileSync(join(directory, `platform-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}

// Runs every project's tests in one Jest process (see tools/scripts/run-tests.mjs).
const { readdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

function projectDirs(base) {
  const dirs = [];
  for (const entry of readdirSync(base, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules') continue;
    const dir = join(base, entry.name);
    if (existsSync(join(dir, 'jest.config.js'))) dirs.push(dir);
    else dirs.push(...projectDirs(dir));
  }
  return dirs;
}

module.exports = {
  // Global options (not inherited from the per-project preset).
  testTimeout: 30000,
  projects: [
    ...projectDirs(join(__dirname, 'apps')),
    ...projectDirs(join(__dirname, 'libs')),
    ...projectDirs(join(__dirname, 'tools')),
  ],
};

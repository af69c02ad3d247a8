#!/usr/bin/env node
/**
 * Builds the web app (apps/web, Vite) into dist/web unless nothing under apps/web, the libraries its
 * offline verification bundles (libs/merkle, libs/event-store/audit) or the installed packages
 * changed since the last build, so `npm start` stays quick on an
 * unchanged tree and a fresh clone gets its web app without a separate command.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const stamp = join(root, 'dist', 'web', '.build-stamp');

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  let latest = stat.mtimeMs;
  if (stat.isDirectory()) for (const entry of readdirSync(path)) if (entry !== 'node_modules') latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function webIsStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const inputs = [
    join(root, 'apps', 'web'),
    join(root, 'libs', 'merkle'),
    join(root, 'libs', 'event-store', 'audit'),
    join(root, 'node_modules', '.package-lock.json'),
  ];
  return inputs.some((input) => newest(input) > built);
}

function buildWebIfChanged() {
  if (!webIsStale()) return false;
  const started = new Date();
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(root, 'apps', 'web', 'vite.config.mts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      // Always the production bundle, also when the caller runs under NODE_ENV=test (jest): the
      // browser tests and the size budget see what users get, not React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
  return true;
}

module.exports = { buildWebIfChanged };

if (require.main === module) {
  try {
    buildWebIfChanged();
  } catch (error) {
    process.stderr.write(`web build failed: ${error.status !== undefined ? `vite exited with ${error.status}` : error.message}\n`);
    process.exit(1);
  }
}

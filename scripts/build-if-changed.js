#!/usr/bin/env node
/**
 * Compiles the project unless nothing changed since the last successful build, so that
 * `npm run token` and the other CLIs start in well under a second on an unchanged tree. Even an
 * incremental tsc parses every declaration file of node_modules (several seconds); comparing
 * modification times costs milliseconds.
 *
 * Usage: node scripts/build-if-changed.js [tsconfig.build.json]
 *
 * Changed means: a file or folder under the tsconfig's "include" (minus its "exclude"), a tsconfig
 * of its "extends" chain, or the installed packages (node_modules/.package-lock.json) is newer
 * than the stamp of the last build. Folders count because adding, removing or renaming a file
 * changes its folder's time, not any remaining file's. The stamp takes the time the build
 * started, so an edit made while tsc runs counts as a change next time.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync } = require('node:fs');
const { basename, dirname, join, relative, resolve, sep } = require('node:path');

/** The tsconfig with its "extends" chain resolved (only the keys used here). */
function readProject(configPath) {
  const files = [];
  let include;
  let exclude;
  let outDir;
  for (let path = resolve(configPath); path;) {
    files.push(path);
    // tsconfig allows comments; a file that is not plain JSON makes the caller build every time.
    const config = JSON.parse(readFileSync(path, 'utf8'));
    include ??= config.include && config.include.map((p) => resolve(dirname(path), p));
    exclude ??= config.exclude;
    outDir ??= config.compilerOptions && config.compilerOptions.outDir && resolve(dirname(path), config.compilerOptions.outDir);
    path = config.extends ? resolve(dirname(path), config.extends) : undefined;
  }
  if (!include || !outDir) throw new Error(`${configPath}: "include" and "outDir" are needed`);
  const root = dirname(resolve(configPath));
  return { root, files, include, exclude: exclude ?? [], outDir };
}

/** Exclude patterns of the two shapes this repository uses: a folder, or a file suffix (**\/*.spec.ts). */
function excluded(project, path) {
  const rel = relative(project.root, path).split(sep).join('/');
  return project.exclude.some((pattern) => {
    const suffix = /^\*\*\/\*([^*/]+)$/.exec(pattern);
    if (suffix) return rel.endsWith(suffix[1]);
    if (/[*?]/.test(pattern)) return false;
    const folder = pattern.replace(/\/$/, '');
    return rel === folder || rel.startsWith(`${folder}/`);
  });
}

/** The newest modification time (ms) of the files and folders under path, or 0 if absent. */
function newest(project, path) {
  if (!existsSync(path) || excluded(project, path)) return 0;
  const stat = statSync(path);
  let latest = stat.mtimeMs;
  if (stat.isDirectory()) {
    for (const entry of readdirSync(path)) {
      if (entry === 'node_modules') continue;
      latest = Math.max(latest, newest(project, join(path, entry)));
    }
  }
  return latest;
}

function stampPath(project, configPath) {
  return join(project.outDir, `.build-stamp-${basename(configPath, '.json')}`);
}

/** Why the build is needed, or undefined when the last build is newer than every input. */
function staleReason(configPath) {
  let project;
  try {
    project = readProject(configPath);
  } catch (error) {
    return `cannot read ${configPath} (${error.message})`;
  }
  const stamp = stampPath(project, configPath);
  if (!existsSync(stamp)) return 'no build yet';
  const built = statSync(stamp).mtimeMs;
  const inputs = [...project.include, ...project.files, join(project.root, 'node_modules', '.package-lock.json')];
  for (const input of inputs) {
    if (newest(project, input) > built) return `${relative(project.root, input) || input} changed`;
  }
  return undefined;
}

/** Runs tsc when staleReason finds a reason; returns whether it did. */
function buildIfChanged(configPath) {
  if (!staleReason(configPath)) return false;
  const started = new Date();
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', configPath], { stdio: 'inherit' });
  let project;
  try {
    project = readProject(configPath);
  } catch {
    return true; // tsc could read it, this script cannot: no stamp, so the next run builds again
  }
  const stamp = stampPath(project, configPath);
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
  return true;
}

module.exports = { staleReason, buildIfChanged };

if (require.main === module) {
  try {
    buildIfChanged(process.argv[2] ?? 'tsconfig.build.json');
  } catch (error) {
    // tsc has printed its diagnostics already; one line says what failed.
    process.stderr.write(`build failed: ${error.status !== undefined ? `tsc exited with ${error.status}` : error.message}\n`);
    process.exit(1);
  }
}

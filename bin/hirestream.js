#!/usr/bin/env node
'use strict';
// The `hirestream` command (package.json "bin"). It runs the compiled
// dist/tools/hirestream.js when `npm run build` made it after the last change
// to tools/ and libs/ (faster to start), else tools/hirestream.ts through
// tools/register-typescript.js, as `npm run …` runs every tool: a stale build
// is never run.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const compiled = join(root, 'dist', 'tools', 'hirestream.js');
const source = join(root, 'tools', 'hirestream.ts');

/** Whether a .ts file under `folder` changed after `since` (ms). */
function changedSince(folder, since) {
  return readdirSync(folder, { withFileTypes: true }).some((entry) => {
    if (entry.name === 'node_modules') return false;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return changedSince(path, since);
    return entry.name.endsWith('.ts') && statSync(path).mtimeMs > since;
  });
}

function useCompiled() {
  if (!existsSync(compiled)) return false;
  if (!existsSync(source)) return true;
  const builtAt = statSync(compiled).mtimeMs;
  return !['tools', 'libs'].some((folder) => changedSince(join(root, folder), builtAt));
}

if (useCompiled()) {
  require(compiled);
} else {
  require(join(root, 'tools', 'register-typescript.js'));
  require(source);
}

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';

// Each benchmark runs in its own process so that one's memory and CPU figures
// do not colour another's. `npm run bench -- NAME` runs the ones whose file name contains NAME,
// passing them the arguments after it (`npm run bench -- projections --events 100000`).
const [filter, ...benchArguments] = process.argv.slice(2);
const benchmarks = readdirSync(__dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filter === undefined || file.includes(filter))
  .sort();

let failed = 0;
for (const file of benchmarks) {
  console.log(`\n=== ${file} ===`);
  const args = [...TYPESCRIPT_NODE_ARGS, join(__dirname, file), ...benchArguments];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);

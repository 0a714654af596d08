import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';

// Each benchmark runs in its own process so that one's memory and CPU figures
// do not colour another's. `npm run bench -- NAME` runs the ones whose file name contains NAME.
const filter = process.argv[2];
const benchmarks = readdirSync(__dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filter === undefined || file.includes(filter))
  .sort();

let failed = 0;
for (const file of benchmarks) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, [...TYPESCRIPT_NODE_ARGS, join(__dirname, file)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);

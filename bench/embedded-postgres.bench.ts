import { startPostgresServer, type PostgresServer } from '@hirestream/embedded-postgres';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { makeTempDir, removeTempDir } from '../test/support/temp-dir';

// The embedded PostgreSQL server through `pg`: first start (initdb included), a start on an
// initialised folder, the server processes' memory, and durable write rates of one client.
const SINGLE_ROW_SECONDS = Number(process.env.BENCH_POSTGRES_SECONDS ?? 3);
const ROWS_IN_ONE_TRANSACTION = 20_000;

/** RSS and PSS (shared pages divided among their users) of the postmaster and its children, in MB. */
function serverMemory(postmasterPid: number): { rss: number; pss: number; processes: number } {
  const pids = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmasterPid;
      } catch {
        return false;
      }
    })
    .concat(String(postmasterPid));
  let rss = 0;
  let pss = 0;
  let processes = 0;
  for (const pid of pids) {
    let rollup: string;
    try {
      rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    } catch {
      // A short-lived child (a backend, a startup process) ended since it was listed.
      continue;
    }
    rss += Number(/^Rss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
    pss += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
    processes += 1;
  }
  return { rss: rss / 1024, pss: pss / 1024, processes };
}

function printMemory(when: string, server: PostgresServer): void {
  const { rss, pss, processes } = serverMemory(server.pid);
  console.log(
    `server memory ${when}: RSS ${rss.toFixed(0)} MB summed over ${processes} processes, PSS ${pss.toFixed(0)} MB`,
  );
}

async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await run();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}

async function main(): Promise<void> {
  console.log(`machine: load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} CPUs`);
  const folder = await makeTempDir('postgres-bench');
  const dataDir = join(folder, 'data');
  let server: PostgresServer | undefined;
  try {
    const [first, firstMs] = await timed(() => startPostgresServer({ port: 0, dataDir }));
    await first.close();
    const [second, secondMs] = await timed(() => startPostgresServer({ port: 0, dataDir }));
    server = second;
    console.log(`first start (initdb, start, create database): ${firstMs.toFixed(0)} ms`);
    console.log(`start on an initialised folder: ${secondMs.toFixed(0)} ms`);
    printMemory('idle', server);

    const client = new Client({ connectionString: server.connectionString });
    await client.connect();
    await client.query('CREATE TABLE rows (id bigint PRIMARY KEY, data jsonb NOT NULL)');
    const data = JSON.stringify({
      candidateId: 'c-1',
      stage: 'interviewing',
      note: 'x'.repeat(150),
    });

    let id = 0;
    const deadline = Date.now() + SINGLE_ROW_SECONDS * 1000;
    const [, singleMs] = await timed(async () => {
      while (Date.now() < deadline)
        await client.query('INSERT INTO rows VALUES ($1, $2)', [(id += 1), data]);
    });
    console.log(
      `single-row transactions (durable commit each): ${((id / singleMs) * 1000).toFixed(0)}/s over ${id}`,
    );

    const [, batchMs] = await timed(async () => {
      await client.query('BEGIN');
      for (let i = 0; i < ROWS_IN_ONE_TRANSACTION; i += 1)
        await client.query('INSERT INTO rows VALUES ($1, $2)', [(id += 1), data]);
      await client.query('COMMIT');
    });
    console.log(
      `inserts in one transaction: ${((ROWS_IN_ONE_TRANSACTION / batchMs) * 1000).toFixed(0)}/s ` +
        `(${ROWS_IN_ONE_TRANSACTION} rows in ${batchMs.toFixed(0)} ms)`,
    );
    printMemory('after the writes, one session open', server);
    await client.end();
    console.log(`machine at the end: load average ${loadavg()[0].toFixed(2)}`);
  } finally {
    await server?.close();
    await removeTempDir(folder);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

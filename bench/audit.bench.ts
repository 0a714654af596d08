import { EventStoreDBClient } from '@eventstore/db-client';
import { candidateStreamName, hirestreamEventCatalog } from '@hirestream/contracts';
import { EventSerializer, EventStore } from '@hirestream/event-sourcing';
import { loadConfig, PlatformConfig, signDevelopmentToken } from '@hirestream/platform';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { serviceOptionsOf } from '../tools/service-options';
import { SERVICES } from '../tools/services';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';
import { makeTempDir, removeTempDir } from '../test/support/temp-dir';
import { percentile } from './support/keep-alive-load';
import { readyPort } from './support/served-child';
import { serveService, withBenchServers } from './support/service-bench';
import { candidateHistory } from './support/candidate-history';

// The audit service's state at a point of a 500-event candidate, every
// service asked over HTTP as npm start runs them (one process each): 200
// requests at random revisions, one at a time, beside one service's own fold
// of the same stream; then an export of the whole history.

const SERVE_FLAG = '--serve';
const EVENTS = 500;
const REQUESTS = 200;
const WARMUP = 20;

async function timed(count: number, request: () => Promise<Response>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count + WARMUP; i += 1) {
    const started = performance.now();
    const response = await request();
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`answered ${response.status}`);
    if (i >= WARMUP) times.push(performance.now() - started);
  }
  return times;
}

const report = (label: string, times: number[]): void =>
  console.log(
    `  ${label}: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
  );

if (process.argv.includes(SERVE_FLAG)) {
  void serveService(serviceOptionsOf(process.argv[process.argv.indexOf(SERVE_FLAG) + 1]));
} else {
  withBenchServers('audit', async (servers) => {
    const children: ChildProcess[] = [];
    const serve = async (name: string, env: Record<string, string>): Promise<number> => {
      const child = fork(__filename, [SERVE_FLAG, name], {
        execArgv: [...TYPESCRIPT_NODE_ARGS],
        env: { ...process.env, ...servers, ...env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      children.push(child);
      return readyPort(child);
    };
    const client = EventStoreDBClient.connectionString`${servers.EVENTSTORE_CONNECTION_STRING}`;
    const keyFolder = await makeTempDir('audit-bench-key');
    try {
      const ports = new Map<string, number>();
      for (const { name } of SERVICES) {
        if (name === 'audit') continue;
        ports.set(name, await serve(name, {}));
      }
      const urls = [...ports].map(([name, port]) => `${name}=http://127.0.0.1:${port}`).join(',');
      const port = await serve('audit', { AUDIT_SERVICE_URLS: urls, AUDIT_DATA_DIR: keyFolder });
      const store = new EventStore(client, new EventSerializer(hirestreamEventCatalog));
      const history = candidateHistory(EVENTS);
      const candidateId = history[0].data.candidateId;
      const context = {
        actor: { id: 'r-1', role: 'recruiter' as const },
        correlationId: randomUUID(),
        causationId: randomUUID(),
      };
      for (let i = 0; i < history.length; i += 100) {
        await store.append(
          candidateStreamName(candidateId),
          history.slice(i, i + 100),
          i === 0 ? undefined : BigInt(i - 1),
          context,
        );
      }
      const token = await signDevelopmentToken(
        { subject: 'bench', roles: ['auditor'] },
        loadConfig(PlatformConfig, { AUTH_MODE: 'development' }),
      );
      const headers = { authorization: `Bearer ${token}` };
      const revision = () => Math.floor(Math.random() * EVENTS);
      console.log(
        `state at a point of a ${EVENTS}-event candidate, ${REQUESTS} requests one at a time:`,
      );
      report(
        `audit service (${ports.size} services asked)`,
        await timed(REQUESTS, () =>
          fetch(`http://127.0.0.1:${port}/candidates/${candidateId}/state?revision=${revision()}`, {
            headers,
          }),
        ),
      );
      report(
        "one service's own fold (candidates)",
        await timed(REQUESTS, () =>
          fetch(
            `http://127.0.0.1:${ports.get('candidates')}/audit/streams/${candidateStreamName(candidateId)}/state?revision=${revision()}`,
            { headers },
          ),
        ),
      );
      report(
        `export of the ${EVENTS} events (20 exports)`,
        await timed(20, () =>
          fetch(`http://127.0.0.1:${port}/candidates/${candidateId}/export`, { headers }),
        ),
      );
    } finally {
      await client.dispose();
      await removeTempDir(keyFolder);
      for (const child of children) {
        child.kill('SIGINT');
        await new Promise((resolve) => child.once('exit', resolve));
      }
    }
  }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

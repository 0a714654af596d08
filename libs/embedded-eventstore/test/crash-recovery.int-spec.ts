import { randomUUID } from 'node:crypto';
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  eventually,
  readStreamEvents,
  testEvent,
  uniqueStream,
} from './event-store-client-helpers';
import { eventStoreProcesses } from './event-store-processes';

const WRITERS = 16;
const ACKNOWLEDGED_BEFORE_KILL = 400;

describe('embedded event store: crash recovery', () => {
  const { start, dataDir } = eventStoreProcesses('eventstore-crash');

  it('keeps every acknowledged event in order after SIGKILL under concurrent appends, and accepts new ones', async () => {
    const { process: first, client } = await start();
    const acknowledged = new Map<string, string[]>();
    let total = 0;
    const writers = Array.from({ length: WRITERS }, async () => {
      const stream = uniqueStream('crash');
      const ids: string[] = [];
      acknowledged.set(stream, ids);
      for (;;) {
        const id = randomUUID();
        const expectedRevision = ids.length === 0 ? 'no_stream' : BigInt(ids.length - 1);
        try {
          await client.appendToStream(stream, testEvent('Tick', { n: ids.length }, id), {
            expectedRevision,
          });
        } catch {
          return;
        }
        ids.push(id);
        total += 1;
      }
    });
    await eventually(() => total >= ACKNOWLEDGED_BEFORE_KILL, 'acknowledged appends');
    await first.stop('SIGKILL');
    await Promise.all(writers);
    await client.dispose();

    // Simulate a write torn by the crash: half a record after the last complete one.
    const storeDir = join(dataDir(), 'eventstore');
    const segments = readdirSync(storeDir)
      .filter((name) => name.endsWith('.log'))
      .sort();
    appendFileSync(
      join(storeDir, segments[segments.length - 1]),
      Buffer.from([0xc8, 0, 0, 0, 1, 2, 3, 4, 5]),
    );

    const { process: second, client: after } = await start();
    try {
      for (const [stream, ids] of acknowledged) {
        const stored = await readStreamEvents(after, stream);
        const storedIds = stored.map((event) => event.event?.id);
        // Each writer may have had one append written but not yet acknowledged when killed.
        expect(storedIds.slice(0, ids.length)).toEqual(ids);
        expect(storedIds.length - ids.length).toBeLessThanOrEqual(1);
        expect(stored.map((event) => event.event?.revision)).toEqual(
          stored.map((_, index) => BigInt(index)),
        );
        const next = await after.appendToStream(stream, testEvent('AfterRestart'), {
          expectedRevision: BigInt(stored.length - 1),
        });
        expect(next.nextExpectedRevision).toBe(BigInt(stored.length));
      }
    } finally {
      await after.dispose();
      await second.stop('SIGTERM');
    }
  });
});

// The tally projection's runner alone in a process, for tests that SIGKILL it:
// `node -r ./tools/register-typescript.js libs/read-models/test/support/tally-runner-process.ts`
// with DATABASE_URL, EVENTSTORE_CONNECTION_STRING and RUNNER_ID set. It prints
// `applied POSITION` after each committed batch and `caught up`. With
// HOLD_AFTER_BATCHES=N it commits N batches, then writes the next batch's rows
// and holds that transaction open forever, printing `holding`: a SIGKILL then
// lands mid-batch for certain. SIGTERM stops it cleanly.
import { EventStoreDBClient } from '@eventstore/db-client';
import { onParentExit } from '../../../platform/src/bootstrap/parent-watch';
import { ReadModelDatabase } from '../../src';
import { TALLY_SERVICE, tallyProjection, tallyRunner } from './tally-projection';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const holdAfter = process.env.HOLD_AFTER_BATCHES;
  let batches = 0;
  const db = new ReadModelDatabase(required('DATABASE_URL'), TALLY_SERVICE);
  const client = EventStoreDBClient.connectionString(required('EVENTSTORE_CONNECTION_STRING'));
  const definition = tallyProjection(required('RUNNER_ID'), async () => {
    batches += 1;
    if (holdAfter === undefined || batches <= Number(holdAfter)) return;
    process.stdout.write('holding\n');
    // Client-side, so the server notices at once when this process dies.
    await new Promise<never>(() => undefined);
  });
  const log = (level: string) => (message: string, details?: object) =>
    process.stderr.write(`${JSON.stringify({ level, message, ...details })}\n`);
  const runner = tallyRunner({
    definition,
    db,
    client,
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    onApplied: (_build, position) => process.stdout.write(`applied ${position.commit}\n`),
    onCaughtUp: () => process.stdout.write('caught up\n'),
  });
  runner.start();
  const stop = async () => {
    await runner.stop();
    await Promise.all([db.close(), client.dispose()]);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  onParentExit(() => process.kill(process.pid, 'SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

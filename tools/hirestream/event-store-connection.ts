import { EventStoreDBClient } from '@eventstore/db-client';
import { ConfigValidationError, loadConfig, PlatformConfig } from '@hirestream/platform';
import { CommandError } from '../command-error';
import { withoutPassword } from '../projections-command';
import { answeredWithin } from '@hirestream/read-models';

const REACH_TIMEOUT_MS = 5_000;

/**
 * Runs `work` with a client of the EventStoreDB at EVENTSTORE_CONNECTION_STRING
 * (default: the embedded one `npm start` runs), once it has answered a read;
 * an unreachable or malformed one is explained, naming the variable.
 */
export async function withEventStore<R>(
  work: (client: EventStoreDBClient) => Promise<R>,
): Promise<R> {
  let connectionString: string;
  try {
    ({ EVENTSTORE_CONNECTION_STRING: connectionString } = loadConfig(PlatformConfig, {
      AUTH_MODE: 'development',
      EVENTSTORE_CONNECTION_STRING: process.env.EVENTSTORE_CONNECTION_STRING,
    }));
  } catch (error) {
    if (error instanceof ConfigValidationError) throw new CommandError(error.message);
    throw error;
  }
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    await reached(client, connectionString);
    return await work(client);
  } finally {
    void client.dispose().catch(() => undefined);
  }
}

async function reached(client: EventStoreDBClient, connectionString: string): Promise<void> {
  try {
    await answeredWithin(firstEvent(client), REACH_TIMEOUT_MS, 'reading $all');
  } catch (error) {
    throw new CommandError(
      `cannot reach EventStoreDB at ${withoutPassword(connectionString)} (EVENTSTORE_CONNECTION_STRING): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Reads `$all`'s first event, to its end (a read left early keeps its stream open). */
async function firstEvent(client: EventStoreDBClient): Promise<void> {
  for await (const resolved of client.readAll({ maxCount: 1 })) void resolved;
}

import { randomUUID } from 'node:crypto';
import {
  binaryEvent,
  jsonEvent,
  type EventStoreDBClient,
  type JSONEventType,
  type ResolvedEvent,
  type StreamSubscription,
  type AllStreamSubscription,
} from '@eventstore/db-client';

/** A stream name no other test (or earlier run against a shared server) uses. */
export function uniqueStream(prefix: string): string {
  return `${prefix}-${randomUUID().replace(/-/g, '')}`;
}

export function testEvent(type: string, data: Record<string, unknown> = {}, id?: string) {
  return jsonEvent<JSONEventType>({ type, data, ...(id === undefined ? {} : { id }) });
}

/** A link event as anyone can append one: type `$>`, data `<revision>@<stream>`. */
export function linkTo(revision: bigint | number, stream: string) {
  return binaryEvent({ type: '$>', data: Buffer.from(`${revision}@${stream}`, 'utf8') });
}

export async function readStreamEvents(
  client: EventStoreDBClient,
  stream: string,
  options: Parameters<EventStoreDBClient['readStream']>[1] = {},
): Promise<ResolvedEvent[]> {
  const events: ResolvedEvent[] = [];
  for await (const event of client.readStream(stream, options)) events.push(event);
  return events;
}

/** Polls `condition` until it holds, failing with `description` after `timeoutMs`. */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  description: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Collects a subscription's events and notes when it reports caught up. */
export function watch(subscription: StreamSubscription | AllStreamSubscription): {
  readonly events: ResolvedEvent[];
  caughtUp: boolean;
} {
  const state = { events: [] as ResolvedEvent[], caughtUp: false };
  subscription.on('data', (event: ResolvedEvent) => state.events.push(event));
  subscription.on('caughtUp', () => {
    state.caughtUp = true;
  });
  return state;
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to fail');
}

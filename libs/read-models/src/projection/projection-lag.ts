import { START, type AllStreamResolvedEvent, type EventStoreDBClient } from '@eventstore/db-client';
import { filterOf, type ProjectionSelection } from '@hirestream/event-sourcing';
import type { ProjectionBuild } from './projection-builds';

/**
 * How far a build is behind `$all`: the events its selection lets through
 * after its checkpoint (counted up to a limit; `more` when there are more),
 * and the age in seconds of the oldest of them (0 when there is none).
 */
export type ProjectionLag = Readonly<{ events: number; more: boolean; seconds: number }>;

/**
 * Measures a build's lag by reading, with the build's own filter, what follows
 * its checkpoint in `$all` until the end or `limit` events. Undefined when the
 * build's selection is not known yet (its runner has not started since the
 * build was asked for by an older release).
 */
export async function projectionLag(
  client: EventStoreDBClient,
  build: Pick<ProjectionBuild, 'checkpoint' | 'selection'>,
  limit: number,
): Promise<ProjectionLag | undefined> {
  const selection: ProjectionSelection | undefined = build.selection;
  if (selection === undefined) return undefined;
  const subscription = client.subscribeToAll({
    fromPosition: build.checkpoint ?? START,
    filter: filterOf(selection),
  });
  let events = 0;
  let oldest: Date | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      // The server says "caught up" once it has sent the backlog, which may still sit in our buffer.
      let caughtUp = false;
      const resolveOnceRead = () => {
        if (caughtUp && subscription.readableLength === 0) resolve();
      };
      subscription.on('data', ({ event }: AllStreamResolvedEvent) => {
        if (event !== undefined) {
          oldest ??= event.created;
          events += 1;
        }
        if (events > limit) resolve();
        else resolveOnceRead();
      });
      subscription.on('caughtUp', () => {
        caughtUp = true;
        resolveOnceRead();
      });
      subscription.on('error', reject);
      subscription.on('end', () => resolve());
    });
  } finally {
    await subscription.unsubscribe();
  }
  return {
    events: Math.min(events, limit),
    more: events > limit,
    seconds: oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest.getTime()) / 1000),
  };
}

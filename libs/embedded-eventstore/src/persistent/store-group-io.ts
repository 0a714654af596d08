import type { EventStore } from '../store/event-store';
import { EventFilter } from '../store/event-filter';
import type { ProposedEvent } from '../store/store-types';
import { LINK_EVENT_TYPE, resolveLinkSeq, type ResolvedSeq } from '../store/link-resolution';
import { randomUuidBytes } from '../store/uuid-bytes';
import type { GroupEvent, GroupIo, ReadBatch } from './group-io';
import { groupKey, positionText, type GroupDefinition } from './group-settings';
import {
  correlationIdOf,
  recordCustomMetadata,
  recordIdText,
  recordRevision,
  recordStream,
} from './stored-events';

/**
 * Where the wire finds what to send: the event, and the link it came through if any (a link
 * whose target cannot be read is sent alone).
 */
export type EventRef = ResolvedSeq;

/** The stored event a message stands for in its source: the link when there is one. */
export function originalSeqOf(ref: EventRef): number {
  return ref.seq === undefined ? ref.linkSeq : (ref.linkSeq ?? ref.seq);
}

export type StoreGroupEvent = GroupEvent<EventRef>;

export function checkpointStreamOf(key: string): string {
  return `$persistentsubscription-${key}-checkpoint`;
}

export function parkedStreamOf(key: string): string {
  return `$persistentsubscription-${key}-parked`;
}

const CHECKPOINT_EVENT_TYPE = '$SubscriptionCheckpoint';

/** The one place a stored event becomes a message for a group, its link resolved when the group asks. */
export function groupEventOf(
  store: EventStore,
  seq: number,
  position: bigint,
  withCorrelation: boolean,
  resolveLinkTos: boolean,
): StoreGroupEvent {
  const record = store.recordAt(seq);
  return {
    id: recordIdText(record),
    position,
    streamName: recordStream(record),
    correlationId: withCorrelation ? correlationIdOf(recordCustomMetadata(record)) : undefined,
    ref: resolveLinkTos ? resolveLinkSeq(store, seq) : { seq, linkSeq: undefined },
  };
}

// The real server's default $all filter keeps $all groups' own checkpoints and parked
// messages, and the epoch records, out of $all persistent subscriptions.
function hiddenFromAll(streamName: string): boolean {
  if (streamName === '$epoch-information') return true;
  return (
    streamName.startsWith('$persistentsubscription-$all::') &&
    (streamName.endsWith('-checkpoint') || streamName.endsWith('-parked'))
  );
}

function jsonEvent(type: string, body: string, customMetadata = ''): ProposedEvent {
  return {
    id: randomUuidBytes(),
    type,
    contentType: 'application/json',
    data: Buffer.from(body, 'utf8'),
    customMetadata: Buffer.from(customMetadata, 'utf8'),
  };
}

/** A group's reads, checkpoints and parking over the event store. */
export function storeGroupIo(store: EventStore, definition: GroupDefinition): GroupIo<EventRef> {
  const { source } = definition;
  const key = groupKey(source, definition.groupName);
  const withCorrelation = definition.settings.consumerStrategy === 'PinnedByCorrelation';
  const { resolveLinkTos } = definition.settings;

  const readStream = (streamName: string, from: bigint, count: number): ReadBatch<EventRef> => {
    const state = store.streamReadState(streamName);
    if (state.kind !== 'found')
      return { events: [], next: from, scanned: 0, lastScanned: undefined, end: true };
    let revision = Math.max(Number(from), state.first);
    const events: StoreGroupEvent[] = [];
    while (revision <= state.last && events.length < count) {
      events.push(
        groupEventOf(
          store,
          state.entry.seqs.at(revision),
          BigInt(revision),
          withCorrelation,
          resolveLinkTos,
        ),
      );
      revision += 1;
    }
    const lastScanned = events.length > 0 ? events[events.length - 1].position : undefined;
    return {
      events,
      next: BigInt(revision),
      scanned: events.length,
      lastScanned,
      end: revision > state.last,
    };
  };

  const filter = source.kind === 'all' ? source.filter : undefined;
  const matcher = filter === undefined ? undefined : new EventFilter(filter.spec);
  const onTypes = filter?.spec.on === 'event_type';
  const hidden = new Map<number, boolean>();
  const readAll = (from: bigint, count: number, window: number): ReadBatch<EventRef> => {
    const durable = store.durableCount;
    let seq = store.seqAtOrAfter(from);
    let scanned = 0;
    let lastScanned: bigint | undefined;
    const events: StoreGroupEvent[] = [];
    while (seq < durable && events.length < count && scanned < window) {
      const position = store.positionOf(seq);
      const streamId = store.streamIdOf(seq);
      let skip = hidden.get(streamId);
      if (skip === undefined) {
        skip = hiddenFromAll(store.streamName(streamId));
        hidden.set(streamId, skip);
      }
      if (!skip && matcher !== undefined) {
        skip = onTypes
          ? !matcher.matchesId(store.typeIdOf(seq), (id) => store.typeName(id))
          : !matcher.matchesId(streamId, (id) => store.streamName(id));
      }
      if (!skip) events.push(groupEventOf(store, seq, position, withCorrelation, resolveLinkTos));
      scanned += 1;
      lastScanned = position;
      seq += 1;
    }
    const next =
      seq < durable ? store.positionOf(seq) : lastScanned === undefined ? from : lastScanned + 1n;
    return { events, next, scanned, lastScanned, end: seq >= durable };
  };

  return {
    read: (from, count, window) =>
      source.kind === 'stream'
        ? readStream(source.streamName, from, count)
        : readAll(from, count, window),
    endPosition: () => {
      if (source.kind === 'stream') {
        const state = store.streamReadState(source.streamName);
        return state.kind === 'found' ? BigInt(state.last + 1) : 0n;
      }
      const durable = store.durableCount;
      return durable === 0 ? 0n : store.positionOf(durable - 1) + 1n;
    },
    writeCheckpoint: async (position) => {
      const body = JSON.stringify(positionText(source, position));
      await store.append(checkpointStreamOf(key), { kind: 'any' }, [
        jsonEvent(CHECKPOINT_EVENT_TYPE, body),
      ]);
    },
    park: async (event, reason) => {
      // The target rather than the link it came through: replaying a parked message resolves one link.
      const { ref } = event;
      const target = store.recordAt(ref.seq === undefined ? ref.linkSeq : ref.seq);
      const metadata = JSON.stringify({
        added: new Date().toISOString(),
        reason,
        subscriptionEventNumber: Number(event.position),
      });
      const link: ProposedEvent = {
        ...jsonEvent(
          LINK_EVENT_TYPE,
          `${recordRevision(target)}@${recordStream(target)}`,
          metadata,
        ),
        contentType: 'application/octet-stream',
      };
      await store.append(parkedStreamOf(key), { kind: 'any' }, [link]);
    },
    now: () => Date.now(),
  };
}

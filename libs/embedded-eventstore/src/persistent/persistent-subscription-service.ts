import type { EventStore } from '../store/event-store';
import type { ProposedEvent } from '../store/store-types';
import { randomUuidBytes } from '../store/uuid-bytes';
import { resolveLinkSeq } from '../store/link-resolution';
import { metastreamOf } from '../storage/stream-metadata';
import { parseConfig, serializeConfig } from './group-config';
import type { GroupConnection } from './group-io';
import {
  groupKey,
  parsePositionText,
  settingsRefusal,
  sourceName,
  type GroupDefinition,
  type GroupSource,
} from './group-settings';
import {
  checkpointStreamOf,
  parkedStreamOf,
  storeGroupIo,
  type EventRef,
  type StoreGroupEvent,
} from './store-group-io';
import { recordData, recordIdText, recordStream, recordType } from './stored-events';
import { SubscriptionGroup, type GroupMembership, type GroupStats } from './subscription-group';

export const CONFIG_STREAM = '$persistentSubscriptionConfig';
const CONFIG_EVENT_TYPE = '$PersistentConfig';
const TICK_MS = 1_000;

export type GroupOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'exists' }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'failed'; readonly reason: string };

export type JoinOutcome =
  | {
      readonly kind: 'joined';
      readonly subscriptionId: string;
      readonly membership: GroupMembership;
    }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'full' };

export interface GroupInfo {
  readonly definition: GroupDefinition;
  readonly stats: GroupStats;
  readonly parkedMessageCount: number;
}

/**
 * Every persistent subscription group of the server. Definitions, checkpoints and parked
 * messages live in the event store as the real server keeps them (config in
 * `$persistentSubscriptionConfig`, `…-checkpoint` and `…-parked` streams), so the log's own
 * durability and recovery cover them.
 */
export class PersistentSubscriptionService {
  private groups = new Map<string, SubscriptionGroup<EventRef>>();
  /** Sources that have had a group since start: listing one of them never says not found. */
  private readonly topics = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(private readonly store: EventStore) {
    this.load();
    this.unsubscribe = store.onCommitted(() => {
      for (const group of this.groups.values()) group.wake();
    });
    this.timer = setInterval(() => {
      for (const group of this.groups.values()) group.tick();
    }, TICK_MS);
    this.timer.unref();
  }

  async create(definition: GroupDefinition): Promise<GroupOutcome> {
    const refusal = this.refusal(definition);
    if (refusal !== undefined) return { kind: 'failed', reason: refusal };
    const key = groupKey(definition.source, definition.groupName);
    if (this.groups.has(key)) return { kind: 'exists' };
    this.groups.set(key, this.open(definition));
    this.topics.add(sourceName(definition.source));
    await this.saveConfig();
    return { kind: 'ok' };
  }

  async update(definition: GroupDefinition): Promise<GroupOutcome> {
    const key = groupKey(definition.source, definition.groupName);
    const previous = this.groups.get(key);
    if (previous === undefined) return { kind: 'not_found' };
    const refusal = this.refusal(definition);
    if (refusal !== undefined) return { kind: 'failed', reason: refusal };
    // An update of a $all group keeps its filter, as the real server's does.
    const source =
      definition.source.kind === 'all' && previous.definition.source.kind === 'all'
        ? previous.definition.source
        : definition.source;
    previous.shutdown();
    this.groups.set(key, this.open({ ...definition, source }));
    await this.saveConfig();
    return { kind: 'ok' };
  }

  async delete(source: GroupSource, groupName: string): Promise<GroupOutcome> {
    const key = groupKey(source, groupName);
    const group = this.groups.get(key);
    if (group === undefined) return { kind: 'not_found' };
    group.shutdown();
    this.groups.delete(key);
    await this.saveConfig();
    await Promise.all(
      [checkpointStreamOf(key), parkedStreamOf(key)].map((stream) => this.deleteIfPresent(stream)),
    );
    return { kind: 'ok' };
  }

  join(source: GroupSource, groupName: string, connection: GroupConnection<EventRef>): JoinOutcome {
    const key = groupKey(source, groupName);
    const group = this.groups.get(key);
    if (group === undefined) return { kind: 'not_found' };
    if (group.hasReachedMaxClients) return { kind: 'full' };
    return { kind: 'joined', subscriptionId: key, membership: group.join(connection) };
  }

  info(source: GroupSource, groupName: string): GroupInfo | undefined {
    const key = groupKey(source, groupName);
    const group = this.groups.get(key);
    return group === undefined ? undefined : this.infoOf(key, group);
  }

  /** Every group, or those of one source (undefined when that source never had one). */
  list(source?: string): GroupInfo[] | undefined {
    if (source !== undefined && !this.topics.has(source)) return undefined;
    return [...this.groups]
      .filter(([, group]) => source === undefined || sourceName(group.definition.source) === source)
      .map(([key, group]) => this.infoOf(key, group));
  }

  /** Hands parked messages before `stopAt` (a parked-stream revision) to the group again. */
  async replayParked(
    source: GroupSource,
    groupName: string,
    stopAt: bigint | undefined,
  ): Promise<GroupOutcome> {
    if (stopAt !== undefined && stopAt < 0n)
      return {
        kind: 'failed',
        reason: 'Cannot stop replaying parked message at a negative version.',
      };
    const key = groupKey(source, groupName);
    const group = this.groups.get(key);
    if (group === undefined) return { kind: 'not_found' };
    const parked = parkedStreamOf(key);
    const state = this.store.streamReadState(parked);
    if (state.kind !== 'found') return { kind: 'ok' };
    const end = BigInt(state.last + 1);
    const stop = Number(stopAt === undefined || stopAt > end ? end : stopAt);
    if (stop <= state.first) return { kind: 'ok' };
    const events: StoreGroupEvent[] = [];
    for (let revision = state.first; revision < stop; revision += 1) {
      const replayed = this.parkedEvent(state.entry.seqs.at(revision), BigInt(revision));
      if (replayed !== undefined) events.push(replayed);
    }
    group.replay(events);
    await this.store.append(metastreamOf(parked), { kind: 'any' }, [metadataEvent({ $tb: stop })]);
    return { kind: 'ok' };
  }

  /** Drops every consumer and reloads every group from its stored definition and checkpoint. */
  restart(): void {
    for (const group of this.groups.values()) group.shutdown();
    this.groups = new Map();
    this.load();
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    for (const group of this.groups.values()) group.shutdown();
    this.groups.clear();
  }

  private refusal(definition: GroupDefinition): string | undefined {
    const { source, settings } = definition;
    if (source.kind === 'stream' && source.streamName.length === 0) return 'Bad stream name.';
    if (source.kind === 'stream' && source.streamName === '$all')
      return 'Persistent subscriptions to $all are only supported over gRPC through gRPC clients';
    if (source.kind === 'all' && settings.startFrom.kind === 'at') {
      const durable = this.store.durableCount;
      const last = durable === 0 ? -1n : this.store.positionOf(durable - 1);
      if (settings.startFrom.position > last && settings.startFrom.position !== 0n)
        return 'Invalid Start From position: commit position must be less than or equal to the last commit position in the transaction file.';
    }
    return settingsRefusal(settings);
  }

  private open(definition: GroupDefinition): SubscriptionGroup<EventRef> {
    const key = groupKey(definition.source, definition.groupName);
    const checkpoint = this.lastEventData(checkpointStreamOf(key), '$SubscriptionCheckpoint');
    let position: bigint | undefined;
    if (checkpoint !== undefined) {
      try {
        const text: unknown = JSON.parse(checkpoint);
        if (typeof text === 'string') position = parsePositionText(definition.source, text);
      } catch {
        position = undefined;
      }
    }
    return new SubscriptionGroup(definition, storeGroupIo(this.store, definition), position);
  }

  private load(): void {
    const body = this.lastEventData(CONFIG_STREAM, CONFIG_EVENT_TYPE);
    if (body === undefined) return;
    for (const definition of parseConfig(body)) {
      const key = groupKey(definition.source, definition.groupName);
      // Entries the real server would ignore on load (unknown strategy, duplicates) are skipped.
      if (this.groups.has(key) || settingsRefusal(definition.settings) !== undefined) continue;
      this.groups.set(key, this.open(definition));
      this.topics.add(sourceName(definition.source));
    }
  }

  private async saveConfig(): Promise<void> {
    const definitions = [...this.groups.values()].map((group) => group.definition);
    const events: ProposedEvent[] = [];
    if (this.store.streamReadState(metastreamOf(CONFIG_STREAM)).kind !== 'found') {
      // Only the latest configuration matters; the real server keeps two.
      await this.store.append(metastreamOf(CONFIG_STREAM), { kind: 'any' }, [
        metadataEvent({ $maxCount: 2 }),
      ]);
    }
    events.push(jsonEvent(CONFIG_EVENT_TYPE, serializeConfig(definitions)));
    await this.store.append(CONFIG_STREAM, { kind: 'any' }, events);
  }

  private async deleteIfPresent(stream: string): Promise<void> {
    if (this.store.streamReadState(stream).kind === 'found')
      await this.store.deleteStream(stream, { kind: 'any' });
  }

  private lastEventData(stream: string, type: string): string | undefined {
    const state = this.store.streamReadState(stream);
    if (state.kind !== 'found' || state.last < state.first) return undefined;
    const record = this.store.recordAt(state.entry.seqs.at(state.last));
    return recordType(record) === type ? recordData(record).toString('utf8') : undefined;
  }

  /** A parked link resolved to the event it points at; undefined when that event is gone. */
  private parkedEvent(linkSeq: number, parkedRevision: bigint): StoreGroupEvent | undefined {
    const ref = resolveLinkSeq(this.store, linkSeq);
    if (ref.seq === undefined) return undefined;
    return {
      id: recordIdText(this.store.recordAt(linkSeq)),
      position: parkedRevision,
      streamName: recordStream(this.store.recordAt(ref.seq)),
      correlationId: undefined,
      ref,
    };
  }

  private infoOf(key: string, group: SubscriptionGroup<EventRef>): GroupInfo {
    const parked = this.store.streamReadState(parkedStreamOf(key));
    const parkedMessageCount =
      parked.kind === 'found' ? Math.max(0, parked.last - parked.first + 1) : 0;
    return { definition: group.definition, stats: group.stats(), parkedMessageCount };
  }
}

function jsonEvent(type: string, body: string): ProposedEvent {
  return {
    id: randomUuidBytes(),
    type,
    contentType: 'application/json',
    data: Buffer.from(body, 'utf8'),
    customMetadata: Buffer.alloc(0),
  };
}

function metadataEvent(metadata: Record<string, number>): ProposedEvent {
  return jsonEvent('$metadata', JSON.stringify(metadata));
}

import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** What an event's hash covers: where it sits, its type, its data and its metadata as stored. */
export type HashedEvent = Readonly<{
  streamName: string;
  revision: bigint;
  type: string;
  data: unknown;
  /** The stored metadata; a `hash` key in it is left out of what is hashed. */
  metadata: Readonly<Record<string, unknown>>;
}>;

/** The metadata an event carries once it is linked into its stream's chain. */
export type LinkedMetadata<M> = M & Readonly<{ previousHash: string; hash: string }>;

const GENESIS_PREFIX = 'hirestream-chain:';

/** SHA-256 of the text's UTF-8 bytes, hex (the one-shot `hash`: half the cost of a `Hash` object). */
function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}

/** What a stream's first hashed event names as its `previousHash`. */
export function genesisHash(streamName: string): string {
  return sha256Hex(GENESIS_PREFIX + streamName);
}

/**
 * `sha256(canonical({ streamName, revision, type, data, metadata }))`, hex, with the
 * revision as a decimal string and the metadata without its `hash` (its `previousHash`
 * included).
 */
export function eventHash(event: HashedEvent): string {
  const metadata: Record<string, unknown> = {};
  for (const key of Object.keys(event.metadata)) {
    if (key !== 'hash') metadata[key] = event.metadata[key];
  }
  return sha256Hex(
    canonicalJson({
      streamName: event.streamName,
      revision: event.revision.toString(),
      type: event.type,
      data: event.data,
      metadata,
    }),
  );
}

/** `metadata` with `previousHash` and the event's own `hash` added: what is stored. */
export function linkedMetadata<M extends Readonly<Record<string, unknown>>>(
  event: Omit<HashedEvent, 'metadata'>,
  metadata: M,
  previousHash: string,
): LinkedMetadata<M> {
  const linked = { ...metadata, previousHash };
  return { ...linked, hash: eventHash({ ...event, metadata: linked }) };
}

/** A stored metadata value's chain key (`hash` or `previousHash`), when it holds a string. */
export function storedChainKey(
  metadata: unknown,
  key: 'hash' | 'previousHash',
): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const value = (metadata as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

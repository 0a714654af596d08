import type { EventStoreDBClient } from '@eventstore/db-client';
import type { AnchoredHead, ChainReport } from './chain-report';
import { ChainVerifier } from './chain-verifier';
import { storedChainEvent } from './stored-chain-event';

export type AllStreamsProgress = Readonly<{
  /** Events of non-system streams read so far. */
  events: number;
  streams: number;
  /** Commit position of the last event read. */
  position: bigint | undefined;
}>;

export type AllStreamsVerificationOptions = Readonly<{
  /** Each stream's last anchored head, by stream name. */
  anchoredHeads?: ReadonlyMap<string, AnchoredHead>;
  /** Called every `progressEvery` events and once at the end. */
  onProgress?: (progress: AllStreamsProgress) => void;
  /** Events between two progress calls (default 10,000). */
  progressEvery?: number;
  /** Called with every stream's report once the walk has ended. */
  onStream?: (report: ChainReport) => void;
}>;

export type AllStreamsReport = Readonly<{
  streams: number;
  events: number;
  /** Events whose link and hash were verified. */
  checked: number;
  /** Events written before their stream's chain. */
  beforeChain: number;
  /** The streams with a break, in the order they were first seen. */
  broken: readonly ChainReport[];
}>;

const DEFAULT_PROGRESS_EVERY = 10_000;

/**
 * Walks `$all` once, raw, and verifies every non-system stream's chain (streams whose
 * name starts with `$` are skipped): one verifier per stream, each holding a few
 * hashes, so memory grows with the number of streams, never with their length. `$all`
 * still holds events a stream read no longer shows (before a truncate-before, past a
 * max count, of a deleted stream), and they are verified too. An anchored stream that
 * has no event at all is `truncated`.
 */
export async function verifyAllStreams(
  client: EventStoreDBClient,
  options: AllStreamsVerificationOptions = {},
): Promise<AllStreamsReport> {
  const verifiers = new Map<string, ChainVerifier>();
  const progressEvery = options.progressEvery ?? DEFAULT_PROGRESS_EVERY;
  let events = 0;
  let position: bigint | undefined;
  const progress = (): AllStreamsProgress => ({ events, streams: verifiers.size, position });
  // Consumed to its end, never left early: see the README.
  for await (const resolved of client.readAll()) {
    const recorded = resolved.event;
    if (recorded === undefined || recorded.streamId.startsWith('$')) continue;
    let verifier = verifiers.get(recorded.streamId);
    if (verifier === undefined) {
      verifier = verifierOf(recorded.streamId, options);
      verifiers.set(recorded.streamId, verifier);
    }
    verifier.add(storedChainEvent(recorded));
    events += 1;
    position = recorded.position?.commit;
    if (events % progressEvery === 0) options.onProgress?.(progress());
  }
  for (const streamName of options.anchoredHeads?.keys() ?? []) {
    if (!verifiers.has(streamName)) verifiers.set(streamName, verifierOf(streamName, options));
  }
  options.onProgress?.(progress());
  const broken: ChainReport[] = [];
  let checked = 0;
  let beforeChain = 0;
  for (const verifier of verifiers.values()) {
    const report = verifier.finish();
    checked += report.checked;
    beforeChain += report.beforeChain?.count ?? 0;
    if (report.firstBreak !== undefined) broken.push(report);
    options.onStream?.(report);
  }
  return { streams: verifiers.size, events, checked, beforeChain, broken };
}

function verifierOf(streamName: string, options: AllStreamsVerificationOptions): ChainVerifier {
  return new ChainVerifier(streamName, { anchoredHead: options.anchoredHeads?.get(streamName) });
}

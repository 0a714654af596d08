import { StreamNotFoundError, type EventStoreDBClient } from '@eventstore/db-client';
import type { ChainReport } from './chain-report';
import { ChainVerifier, type ChainVerificationOptions } from './chain-verifier';
import { storedChainEvent } from './stored-chain-event';

/**
 * Reads one stream from the store, raw (what EventStoreDB keeps, before any upcasting),
 * and verifies its hash chain. A missing stream reads as empty: with an anchored head it
 * is `truncated`.
 */
export async function verifyStream(
  client: EventStoreDBClient,
  streamName: string,
  options: ChainVerificationOptions = {},
): Promise<ChainReport> {
  const verifier = new ChainVerifier(streamName, options);
  try {
    // Consumed to its end, never left early: see the README.
    for await (const resolved of client.readStream(streamName)) {
      if (resolved.event !== undefined) verifier.add(storedChainEvent(resolved.event));
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return verifier.finish();
}

export type ExpectedRevision =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'exact'; readonly revision: bigint };

/** A stream as a write sees it. */
export interface StreamWriteState {
  /** Undefined when the stream has never had an event. */
  readonly lastRevision: bigint | undefined;
  readonly softDeleted: boolean;
  readonly tombstoned: boolean;
}

export type RevisionCheck = 'ok' | 'wrong' | 'deleted';

/**
 * EventStoreDB's rules: a tombstoned stream refuses everything; a soft-deleted stream
 * counts as absent for `no_stream` (a write recreates it) and as deleted for `stream_exists`.
 */
export function checkExpectedRevision(
  expected: ExpectedRevision,
  state: StreamWriteState,
): RevisionCheck {
  if (state.tombstoned) return 'deleted';
  switch (expected.kind) {
    case 'any':
      return 'ok';
    case 'no_stream':
      return state.lastRevision === undefined || state.softDeleted ? 'ok' : 'wrong';
    case 'stream_exists':
      if (state.softDeleted) return 'deleted';
      return state.lastRevision === undefined ? 'wrong' : 'ok';
    case 'exact':
      return state.lastRevision === expected.revision ? 'ok' : 'wrong';
  }
}

/** The revision a retry of an append would have started at, when the expected revision pins it down. */
export function retriedFirstRevision(expected: ExpectedRevision): bigint | undefined {
  if (expected.kind === 'exact') return expected.revision + 1n;
  if (expected.kind === 'no_stream') return 0n;
  return undefined;
}

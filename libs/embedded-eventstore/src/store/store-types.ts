import type { ExpectedRevision } from './expected-revision';

/** An event as a client proposes it. */
export interface ProposedEvent {
  /** 16 raw UUID bytes. */
  readonly id: Buffer;
  readonly type: string;
  readonly contentType: string;
  readonly data: Buffer;
  readonly customMetadata: Buffer;
}

export type WriteRefusal =
  | {
      readonly kind: 'wrong_expected_version';
      readonly expected: ExpectedRevision;
      /** Undefined when the stream does not exist. */
      readonly current: bigint | undefined;
    }
  | { readonly kind: 'stream_deleted' };

export type AppendOutcome =
  | {
      readonly kind: 'success';
      /** Undefined when nothing was written to a stream that does not exist. */
      readonly currentRevision: bigint | undefined;
      readonly position: bigint | undefined;
    }
  | WriteRefusal;

export type DeleteOutcome = { readonly kind: 'success'; readonly position: bigint } | WriteRefusal;

export type Direction = 'forwards' | 'backwards';

/** An event the server writes itself (a projection's link), to a stream of its own choosing. */
export interface SystemEvent {
  readonly streamName: string;
  readonly event: ProposedEvent;
}

export type SystemWriteOutcome =
  { readonly kind: 'success' } | { readonly kind: 'stream_deleted'; readonly streamName: string };

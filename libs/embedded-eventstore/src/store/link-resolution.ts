import { detachRecord, type RawRecord } from '../storage/record-format';
import type { EventStore } from './event-store';

/** The event type of a link; its data is `<revision>@<stream>` in UTF-8. */
export const LINK_EVENT_TYPE = '$>';
const DOLLAR = 0x24;
const GREATER_THAN = 0x3e;

/**
 * What a read that resolves links answers for one stored record, as EventStoreDB's
 * `ResolvedEvent`: `event` is the target (or the record itself when it is no link) and `link`
 * the link. A link whose target cannot be read (its stream missing or deleted, the revision
 * cut away by `$maxCount`, `$maxAge` or `$tb`) comes back with `link` only.
 */
export interface ResolvedRecord {
  readonly event: RawRecord | undefined;
  readonly link: RawRecord | undefined;
}

// .NET's long.TryParse: optional white space around an optionally signed run of digits.
const REVISION_PATTERN = /^[\t\n\v\f\r ]*([+-]?[0-9]+)[\t\n\v\f\r ]*$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function isLinkRecord(record: RawRecord): boolean {
  const { buffer, fields } = record;
  return (
    fields.contentTypeStart - fields.typeStart === 2 &&
    buffer[fields.typeStart] === DOLLAR &&
    buffer[fields.typeStart + 1] === GREATER_THAN
  );
}

export type LinkTarget =
  | { readonly kind: 'target'; readonly streamName: string; readonly revision: bigint }
  /** Not a number before the `@`: the real server hands the link back as a plain event. */
  | { readonly kind: 'not_a_link' }
  /** A number but no stream: the real server fails the resolution. */
  | { readonly kind: 'invalid' };

/** Parses a link's data the way EventStoreDB's reader does (split at the first `@`). */
export function parseLinkTarget(data: string): LinkTarget {
  const at = data.indexOf('@');
  const match = REVISION_PATTERN.exec(at < 0 ? data : data.slice(0, at));
  if (match === null) return { kind: 'not_a_link' };
  const revision = BigInt(match[1]);
  if (revision < INT64_MIN || revision > INT64_MAX) return { kind: 'not_a_link' };
  if (at < 0) return { kind: 'invalid' };
  return { kind: 'target', streamName: data.slice(at + 1), revision };
}

/**
 * Resolves `record` if it is a link. The link is copied out first: reading its target may
 * reuse the block buffer the link was read into.
 */
export function resolveLink(store: EventStore, record: RawRecord): ResolvedRecord {
  const target = linkTargetOf(record);
  if (target.kind === 'not_a_link') return { event: record, link: undefined };
  const link = detachRecord(record);
  if (target.kind === 'invalid') return { event: undefined, link };
  return { event: store.readableEvent(target.streamName, target.revision), link };
}

/**
 * `resolveLink` for callers that hold log sequence numbers (persistent subscriptions): the
 * event to deliver and the link it came through, either of them absent as there.
 */
export type ResolvedSeq =
  | { readonly seq: number; readonly linkSeq: number | undefined }
  | { readonly seq: undefined; readonly linkSeq: number };

export function resolveLinkSeq(store: EventStore, seq: number): ResolvedSeq {
  const target = linkTargetOf(store.recordAt(seq));
  if (target.kind === 'not_a_link') return { seq, linkSeq: undefined };
  const targetSeq =
    target.kind === 'invalid' ? undefined : store.readableSeq(target.streamName, target.revision);
  return targetSeq === undefined
    ? { seq: undefined, linkSeq: seq }
    : { seq: targetSeq, linkSeq: seq };
}

function linkTargetOf(record: RawRecord): LinkTarget {
  if (!isLinkRecord(record)) return { kind: 'not_a_link' };
  const { buffer, fields } = record;
  return parseLinkTarget(buffer.toString('utf8', fields.dataStart, fields.customMetadataStart));
}

import type { StreamIdentifier } from '@eventstore/db-client/generated/shared_pb';
import type { ExpectedRevision } from '../store/expected-revision';

/** Thrown for a request the server cannot act on; answered as INVALID_ARGUMENT. */
export class BadRequestError extends Error {}

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  const name =
    identifier === undefined ? '' : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
  if (name.length === 0) throw new BadRequestError('Stream name is required.');
  return name;
}

/** The shared shape of the append, delete and tombstone options' expected-revision oneof. */
interface ExpectedRevisionOptions {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasAny(): boolean;
  hasStreamExists(): boolean;
}

export function expectedRevisionOf(options: ExpectedRevisionOptions): ExpectedRevision {
  if (options.hasRevision())
    return { kind: 'exact', revision: BigInt.asUintN(64, BigInt(options.getRevision())) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  if (options.hasAny()) return { kind: 'any' };
  throw new BadRequestError('Expected stream revision is required.');
}

/** A uint64 field sent as a decimal string, as an unsigned bigint. */
export function uint64Of(text: string): bigint {
  return BigInt.asUintN(64, BigInt(text));
}

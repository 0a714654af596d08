import {
  checkExpectedRevision,
  retriedFirstRevision,
  type ExpectedRevision,
  type StreamWriteState,
} from './expected-revision';

const missing: StreamWriteState = {
  lastRevision: undefined,
  softDeleted: false,
  tombstoned: false,
};
const atThree: StreamWriteState = { lastRevision: 3n, softDeleted: false, tombstoned: false };
const softDeleted: StreamWriteState = { lastRevision: 3n, softDeleted: true, tombstoned: false };
const tombstoned: StreamWriteState = { lastRevision: 3n, softDeleted: false, tombstoned: true };

const any: ExpectedRevision = { kind: 'any' };
const noStream: ExpectedRevision = { kind: 'no_stream' };
const exists: ExpectedRevision = { kind: 'stream_exists' };
const exact = (revision: bigint): ExpectedRevision => ({ kind: 'exact', revision });

describe('expected revision', () => {
  it.each([
    [any, missing, 'ok'],
    [any, atThree, 'ok'],
    [noStream, missing, 'ok'],
    [noStream, atThree, 'wrong'],
    [noStream, softDeleted, 'ok'],
    [exists, missing, 'wrong'],
    [exists, atThree, 'ok'],
    [exists, softDeleted, 'deleted'],
    [exact(3n), atThree, 'ok'],
    [exact(2n), atThree, 'wrong'],
    [exact(0n), missing, 'wrong'],
    [exact(3n), softDeleted, 'ok'],
    [any, tombstoned, 'deleted'],
    [exact(3n), tombstoned, 'deleted'],
  ] as const)('%o against %o is %s', (expected, state, result) => {
    expect(checkExpectedRevision(expected, state)).toBe(result);
  });

  it('pins where a retried append started only for exact and no_stream', () => {
    expect(retriedFirstRevision(exact(4n))).toBe(5n);
    expect(retriedFirstRevision(noStream)).toBe(0n);
    expect(retriedFirstRevision(any)).toBeUndefined();
    expect(retriedFirstRevision(exists)).toBeUndefined();
  });
});

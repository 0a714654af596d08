import {
  MaximumAppendSizeExceeded,
  StreamDeleted,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
  BadRequest,
} from '@eventstore/db-client/generated/shared_pb';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import { collectionTimeoutMs, WRITE_TIMEOUT_MS } from './batch-append-deadline';
import {
  badRequestStatus,
  MAXIMUM_APPEND_SIZE_EXCEEDED_STATUS,
  streamDeletedStatus,
  TIMEOUT_STATUS,
  wrongExpectedVersionStatus,
} from './batch-append-errors';
import {
  decodeBatchAppendRequest,
  encodeBatchAppendResponse,
  streamIdentifierBody,
  successBody,
} from './batch-append-wire';

const CORRELATION = '00112233-4455-6677-8899-aabbccddeeff';
const EVENT_ID = 'ffeeddcc-bbaa-9988-7766-554433221100';

function request(configure: (options: BatchAppendReq.Options) => void): BatchAppendReq {
  const options = new BatchAppendReq.Options().setStreamIdentifier(
    new StreamIdentifier().setStreamName(Buffer.from('orders-ü')),
  );
  configure(options);
  const message = new BatchAppendReq.ProposedMessage()
    .setId(new UUID().setString(EVENT_ID))
    .setData(Buffer.from('{"a":1}'))
    .setCustomMetadata(Buffer.from('{"m":2}'));
  message.getMetadataMap().set('type', 'Placed').set('content-type', 'application/json');
  return new BatchAppendReq()
    .setCorrelationId(new UUID().setString(CORRELATION))
    .setOptions(options)
    .setProposedMessagesList([message, message])
    .setIsFinal(true);
}

const decode = (message: BatchAppendReq) =>
  decodeBatchAppendRequest(Buffer.from(message.serializeBinary()));

function response(bytes: Buffer): BatchAppendResp {
  return BatchAppendResp.deserializeBinary(bytes);
}

describe('batch append wire format', () => {
  it('decodes what the generated classes encode', () => {
    const decoded = decode(
      request((o) => o.setStreamPosition('18446744073709551615').setDeadline(new Timestamp())),
    );
    expect(decoded.correlationKey).toBe(CORRELATION.replace(/-/g, ''));
    expect(decoded.isFinal).toBe(true);
    expect(decoded.options).toEqual({
      streamName: 'orders-ü',
      expected: { kind: 'exact', revision: 18_446_744_073_709_551_615n },
      deadline: { kind: 'at', seconds: 0n, nanos: 0 },
    });
    expect(decoded.events).toHaveLength(2);
    expect(decoded.events[0]).toEqual({
      id: Buffer.from(EVENT_ID.replace(/-/g, ''), 'hex'),
      type: 'Placed',
      contentType: 'application/json',
      data: Buffer.from('{"a":1}'),
      customMetadata: Buffer.from('{"m":2}'),
    });
    expect(decode(request((o) => o.setNoStream(new Empty()))).options?.expected).toEqual({
      kind: 'no_stream',
    });
    expect(decode(request((o) => o.setAny(new Empty()))).options?.deadline).toEqual({
      kind: 'none',
    });
    expect(decode(request((o) => o.setStreamExists(new Empty()))).options?.expected).toEqual({
      kind: 'stream_exists',
    });
  });

  it('decodes a structured correlation id to the same key as its text form', () => {
    const structured = new UUID().setStructured(
      new UUID.Structured()
        .setMostSignificantBits('4822678189205111')
        .setLeastSignificantBits('-8603657889541918977'),
    );
    const decoded = decodeBatchAppendRequest(
      Buffer.from(new BatchAppendReq().setCorrelationId(structured).serializeBinary()),
    );
    expect(decoded.correlationKey).toBe(CORRELATION.replace(/-/g, ''));
    expect(decoded).toMatchObject({ options: undefined, events: [], isFinal: false });
  });

  it('reads a Duration deadline (field 7), which the Node client cannot send', () => {
    // Options{deadline: Duration{seconds: 3, nanos: 500000000}}
    const options = Buffer.from([0x3a, 0x08, 0x08, 0x03, 0x10, 0x80, 0xca, 0xb5, 0xee, 0x01]);
    const bytes = Buffer.concat([Buffer.from([0x12, options.length]), options]);
    expect(decodeBatchAppendRequest(bytes).options?.deadline).toEqual({
      kind: 'within',
      seconds: 3n,
      nanos: 500_000_000,
    });
  });

  it('encodes successes the generated classes read', () => {
    const correlation = Buffer.from(new UUID().setString(CORRELATION).serializeBinary());
    const decoded = response(
      encodeBatchAppendResponse(
        correlation,
        { kind: 'success', body: successBody(0n, 300_000_000_000n) },
        streamIdentifierBody('orders-ü'),
      ),
    );
    expect(decoded.getCorrelationId()?.getString()).toBe(CORRELATION);
    expect(Buffer.from(decoded.getStreamIdentifier()!.getStreamName_asU8()).toString()).toBe(
      'orders-ü',
    );
    const success = decoded.getSuccess()!;
    expect(success.hasCurrentRevision()).toBe(true);
    expect(success.getCurrentRevision()).toBe('0');
    expect(success.getPosition()?.getCommitPosition()).toBe('300000000000');
    expect(success.getPosition()?.getPreparePosition()).toBe('300000000000');
    expect(decoded.getExpectedStreamPositionCase()).toBe(0);

    const empty = response(
      encodeBatchAppendResponse(
        undefined,
        { kind: 'success', body: successBody(undefined, undefined) },
        undefined,
      ),
    ).getSuccess()!;
    expect(empty.hasNoStream()).toBe(true);
    expect(empty.hasNoPosition()).toBe(true);
  });

  it('encodes each error as a google.rpc.Status with the detail the client unpacks', () => {
    const errorOf = (status: Buffer) =>
      response(
        encodeBatchAppendResponse(undefined, { kind: 'error', status }, undefined),
      ).getError()!;

    const wrong = errorOf(wrongExpectedVersionStatus(0n, { kind: 'exact', revision: 5n }));
    expect(wrong.getCode()).toBe(6);
    expect(wrong.getMessage()).toBe('WrongExpectedVersion');
    const details = wrong
      .getDetails()!
      .unpack(WrongExpectedVersion.deserializeBinary, 'event_store.client.WrongExpectedVersion')!;
    expect(details.hasCurrentStreamRevision()).toBe(true);
    expect(details.getCurrentStreamRevision()).toBe('0');
    expect(details.getExpectedStreamPosition()).toBe('5');
    const none = errorOf(wrongExpectedVersionStatus(undefined, { kind: 'stream_exists' }))
      .getDetails()!
      .unpack(WrongExpectedVersion.deserializeBinary, 'event_store.client.WrongExpectedVersion')!;
    expect(none.hasCurrentNoStream()).toBe(true);
    expect(none.hasExpectedStreamExists()).toBe(true);

    const deleted = errorOf(streamDeletedStatus(streamIdentifierBody('gone')));
    expect(deleted.getCode()).toBe(5);
    const deletedDetail = deleted
      .getDetails()!
      .unpack(StreamDeleted.deserializeBinary, 'event_store.client.StreamDeleted')!;
    expect(Buffer.from(deletedDetail.getStreamIdentifier()!.getStreamName_asU8()).toString()).toBe(
      'gone',
    );

    const timeout = errorOf(TIMEOUT_STATUS);
    expect([timeout.getCode(), timeout.getMessage(), timeout.getDetails()?.getTypeName()]).toEqual([
      4,
      'Timeout',
      'event_store.client.Timeout',
    ]);
    const tooBig = errorOf(MAXIMUM_APPEND_SIZE_EXCEEDED_STATUS)
      .getDetails()!
      .unpack(
        MaximumAppendSizeExceeded.deserializeBinary,
        'event_store.client.MaximumAppendSizeExceeded',
      )!;
    expect(tooBig.getMaxappendsize()).toBe(1_048_576);
    const bad = errorOf(badRequestStatus('why'));
    expect(bad.getCode()).toBe(3);
    expect(
      bad
        .getDetails()!
        .unpack(BadRequest.deserializeBinary, 'event_store.client.BadRequest')!
        .getMessage(),
    ).toBe('why');
  });
});

describe('batch append deadline', () => {
  const now = 1_700_000_000_000;

  it('waits for the rest of an append until the deadline, at most the write timeout', () => {
    expect(collectionTimeoutMs({ kind: 'none' }, now)).toBe(WRITE_TIMEOUT_MS);
    expect(
      collectionTimeoutMs({ kind: 'at', seconds: 1_700_000_000n, nanos: 500_000_000 }, now),
    ).toBe(500);
    expect(collectionTimeoutMs({ kind: 'at', seconds: 1_800_000_000n, nanos: 0 }, now)).toBe(
      WRITE_TIMEOUT_MS,
    );
    expect(
      collectionTimeoutMs({ kind: 'at', seconds: 1_699_999_999n, nanos: 0 }, now),
    ).toBeLessThanOrEqual(0);
    expect(collectionTimeoutMs({ kind: 'within', seconds: 0n, nanos: 250_000_000 }, now)).toBe(250);
    expect(collectionTimeoutMs({ kind: 'within', seconds: 0n, nanos: 0 }, now)).toBe(0);
  });

  it('refuses a Timestamp or Duration that protobuf does not allow', () => {
    expect(() => collectionTimeoutMs({ kind: 'at', seconds: 0n, nanos: -1 }, now)).toThrow(
      /Timestamp contains invalid values/,
    );
    expect(() => collectionTimeoutMs({ kind: 'within', seconds: 1n, nanos: -1 }, now)).toThrow(
      /not a valid normalized duration/,
    );
  });
});

import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import { decodeAppendRequest, encodedAppendSuccess } from './append-wire';

const ID = '00112233-4455-6677-8899-aabbccddeeff';

function decode(request: AppendReq): ReturnType<typeof decodeAppendRequest> {
  return decodeAppendRequest(Buffer.from(request.serializeBinary()));
}

function optionsRequest(configure: (options: AppendReq.Options) => void): AppendReq {
  const options = new AppendReq.Options().setStreamIdentifier(
    new StreamIdentifier().setStreamName(Buffer.from('orders-ü')),
  );
  configure(options);
  return new AppendReq().setOptions(options);
}

describe('append wire format', () => {
  it('decodes the options the generated classes encode, for every expected revision', () => {
    expect(decode(optionsRequest((o) => o.setRevision('0'))).options).toEqual({
      streamName: 'orders-ü',
      expected: { kind: 'exact', revision: 0n },
    });
    expect(
      decode(optionsRequest((o) => o.setRevision('18446744073709551615'))).options?.expected,
    ).toEqual({ kind: 'exact', revision: 18_446_744_073_709_551_615n });
    expect(decode(optionsRequest((o) => o.setNoStream(new Empty()))).options?.expected).toEqual({
      kind: 'no_stream',
    });
    expect(decode(optionsRequest((o) => o.setAny(new Empty()))).options?.expected).toEqual({
      kind: 'any',
    });
    expect(decode(optionsRequest((o) => o.setStreamExists(new Empty()))).options?.expected).toEqual(
      { kind: 'stream_exists' },
    );
    expect(decode(new AppendReq().setOptions(new AppendReq.Options()))).toEqual({
      options: { streamName: undefined, expected: undefined },
      event: undefined,
    });
  });

  it('decodes many events of recurring types, however the types vary', () => {
    for (let i = 0; i < 40; i += 1) {
      const proposed = new AppendReq.ProposedMessage().setId(
        new UUID().setString(ID.toUpperCase()),
      );
      proposed
        .getMetadataMap()
        .set('type', `Type${i % 20}-ü`)
        .set('content-type', 'application/json');
      const event = decode(new AppendReq().setProposedMessage(proposed)).event;
      expect(event?.type).toBe(`Type${i % 20}-ü`);
      expect(event?.contentType).toBe('application/json');
      expect(event?.id).toEqual(Buffer.from(ID.replace(/-/g, ''), 'hex'));
    }
  });

  it('decodes a proposed event with a text or a structured id', () => {
    const proposed = new AppendReq.ProposedMessage()
      .setId(new UUID().setString(ID))
      .setData(Buffer.from('{"a":1}'))
      .setCustomMetadata(Buffer.from('{"m":2}'));
    proposed.getMetadataMap().set('type', 'OrderPlaced').set('content-type', 'application/json');
    proposed.getMetadataMap().set('other', 'ignored');
    const event = decode(new AppendReq().setProposedMessage(proposed)).event;
    expect(event).toEqual({
      id: Buffer.from(ID.replace(/-/g, ''), 'hex'),
      type: 'OrderPlaced',
      contentType: 'application/json',
      data: Buffer.from('{"a":1}'),
      customMetadata: Buffer.from('{"m":2}'),
    });

    const structured = new UUID.Structured()
      .setMostSignificantBits('-1')
      .setLeastSignificantBits('42');
    proposed.setId(new UUID().setStructured(structured));
    expect(decode(new AppendReq().setProposedMessage(proposed)).event?.id).toEqual(
      Buffer.from('ffffffffffffffff000000000000002a', 'hex'),
    );
  });

  it('leaves missing or malformed values for the handler to refuse', () => {
    const proposed = new AppendReq.ProposedMessage().setId(new UUID().setString('not-a-uuid'));
    expect(decode(new AppendReq().setProposedMessage(proposed)).event).toEqual({
      id: undefined,
      type: undefined,
      contentType: undefined,
      data: Buffer.alloc(0),
      customMetadata: Buffer.alloc(0),
    });
    for (const text of [ID.replace(/-/g, '_'), ID.slice(1), `${ID.slice(0, 35)}g`]) {
      proposed.setId(new UUID().setString(text));
      expect(decode(new AppendReq().setProposedMessage(proposed)).event?.id).toBeUndefined();
    }
    expect(() => decodeAppendRequest(Buffer.from([0x0a, 0x05, 0x01]))).toThrow(RangeError);
  });

  it('encodes a success the generated classes read back, including revision and position 0', () => {
    for (const [revision, position] of [
      [0n, 0n],
      [1n, 300n],
      [18_446_744_073_709_551_614n, 2n ** 53n - 1n],
    ]) {
      const success = AppendResp.deserializeBinary(
        encodedAppendSuccess(revision, position),
      ).getSuccess();
      expect(success?.getCurrentRevisionOptionCase()).toBe(
        AppendResp.Success.CurrentRevisionOptionCase.CURRENT_REVISION,
      );
      expect(success?.getCurrentRevision()).toBe(revision.toString());
      expect(success?.getPositionOptionCase()).toBe(AppendResp.Success.PositionOptionCase.POSITION);
      expect(success?.getPosition()?.getCommitPosition()).toBe(position.toString());
      expect(success?.getPosition()?.getPreparePosition()).toBe(position.toString());
    }
  });
});

import {
  DELETED_STREAM_TRUNCATE_BEFORE,
  isSoftDeleted,
  metadataWithTruncateBefore,
  parseStreamMetadata,
  streamOfMetastream,
} from './stream-metadata';

describe('stream metadata', () => {
  it('reads $maxCount, $maxAge and $tb and keeps other keys', () => {
    const metadata = parseStreamMetadata(
      Buffer.from('{"$maxCount":5,"$maxAge":60,"$tb":2,"owner":"x"}'),
    );
    expect(metadata).toMatchObject({ maxCount: 5, maxAgeSeconds: 60, truncateBefore: 2 });
    expect(metadata?.raw.owner).toBe('x');
  });

  it('ignores malformed metadata and non-integer limits', () => {
    expect(parseStreamMetadata(Buffer.from('not json'))).toBeUndefined();
    expect(parseStreamMetadata(Buffer.from('[1]'))).toBeUndefined();
    expect(parseStreamMetadata(Buffer.from('{"$maxCount":-1,"$maxAge":"1"}'))).toMatchObject({
      maxCount: undefined,
      maxAgeSeconds: undefined,
    });
  });

  it("writes a soft delete's $tb with all of Int64.MaxValue's digits and recognises it", () => {
    const body = metadataWithTruncateBefore({ $tb: 1, owner: 'x' }, DELETED_STREAM_TRUNCATE_BEFORE);
    expect(body.toString()).toBe('{"$tb":9223372036854775807,"owner":"x"}');
    expect(isSoftDeleted(parseStreamMetadata(body))).toBe(true);
    expect(isSoftDeleted(parseStreamMetadata(metadataWithTruncateBefore({}, '3')))).toBe(false);
    expect(metadataWithTruncateBefore({}, '3').toString()).toBe('{"$tb":3}');
  });

  it('knows which stream a metastream describes', () => {
    expect(streamOfMetastream('$$orders')).toBe('orders');
    expect(streamOfMetastream('orders')).toBeUndefined();
  });
});

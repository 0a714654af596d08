import { BY_CATEGORY, BY_EVENT_TYPE, streamKindOf } from './standard-projection-handlers';

describe('standard projection stream kinds', () => {
  it('takes the category up to the first dash, when that is not the first character', () => {
    expect(streamKindOf('order-1-2')).toEqual({ kind: 'stream', category: 'order' });
    expect(streamKindOf('order')).toEqual({ kind: 'stream', category: undefined });
    expect(streamKindOf('-order')).toEqual({ kind: 'stream', category: undefined });
  });

  it('ignores system streams but sees the metadata streams of other streams', () => {
    expect(streamKindOf('$ce-order')).toEqual({ kind: 'ignored' });
    expect(streamKindOf('$$$ce-order')).toEqual({ kind: 'ignored' });
    expect(streamKindOf('$$order-1')).toEqual({
      kind: 'metastream',
      described: 'order-1',
      category: 'order',
    });
  });

  it('decides from stream and type which events may be linked', () => {
    const categorised = streamKindOf('order-1');
    const plain = streamKindOf('order');
    const metastream = streamKindOf('$$order-1');
    expect(BY_CATEGORY.mayLink(categorised, 'Placed')).toBe(true);
    expect(BY_CATEGORY.mayLink(categorised, '$>')).toBe(true);
    expect(BY_CATEGORY.mayLink(plain, 'Placed')).toBe(false);
    expect(BY_CATEGORY.mayLink(metastream, '$metadata')).toBe(true);
    expect(BY_CATEGORY.mayLink(metastream, 'Other')).toBe(false);
    expect(BY_EVENT_TYPE.mayLink(plain, 'Placed')).toBe(true);
    expect(BY_EVENT_TYPE.mayLink(categorised, '$>')).toBe(false);
    expect(BY_EVENT_TYPE.mayLink(metastream, '$metadata')).toBe(true);
    expect(BY_EVENT_TYPE.mayLink(streamKindOf('$ce-order'), 'Placed')).toBe(false);
  });
});

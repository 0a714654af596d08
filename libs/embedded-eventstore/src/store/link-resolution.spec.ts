import { parseLinkTarget } from './link-resolution';

describe('parseLinkTarget', () => {
  it('splits at the first @, so stream names may hold more', () => {
    expect(parseLinkTarget('12@orders-1')).toEqual({
      kind: 'target',
      streamName: 'orders-1',
      revision: 12n,
    });
    expect(parseLinkTarget('0@a@b')).toEqual({ kind: 'target', streamName: 'a@b', revision: 0n });
  });

  it('reads the revision as .NET long.TryParse does: white space and a sign allowed', () => {
    expect(parseLinkTarget(' +3 @s')).toEqual({ kind: 'target', streamName: 's', revision: 3n });
    expect(parseLinkTarget('-1@s')).toEqual({ kind: 'target', streamName: 's', revision: -1n });
  });

  it('leaves data that does not start with a number unresolved, and fails a number without a stream', () => {
    expect(parseLinkTarget('abc@s')).toEqual({ kind: 'not_a_link' });
    expect(parseLinkTarget('1.5@s')).toEqual({ kind: 'not_a_link' });
    expect(parseLinkTarget('9223372036854775808@s')).toEqual({ kind: 'not_a_link' });
    expect(parseLinkTarget('7')).toEqual({ kind: 'invalid' });
  });
});

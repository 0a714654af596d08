import { BadRequestException } from '@nestjs/common';
import { entityTagOf, revisionFromIfMatch } from './entity-tag';

describe('entity tags of stream revisions', () => {
  it('round-trips a revision beyond 2^53 exactly', () => {
    const revision = 9_007_199_254_740_993n;
    expect(entityTagOf(revision)).toBe('"9007199254740993"');
    expect(revisionFromIfMatch(entityTagOf(revision))).toBe(revision);
  });

  it('has no expectation without the header', () => {
    expect(revisionFromIfMatch(undefined)).toBeUndefined();
  });

  it.each(['3', 'W/"3"', '"3", "4"', '*', '"-1"', '"abc"', ''])('refuses If-Match %p', (header) => {
    expect(() => revisionFromIfMatch(header)).toThrow(BadRequestException);
  });
});

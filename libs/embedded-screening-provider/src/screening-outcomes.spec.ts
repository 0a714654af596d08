import { finalStatusOf, retryDelayMs, summaryOf } from './screening-outcomes';

describe('the embedded provider’s outcomes', () => {
  it('follow the marker in the email for the first item; every other item is clear', () => {
    expect(finalStatusOf('ada+consider@example.org', 0)).toBe('consider');
    expect(finalStatusOf('ADA+Suspended@Example.org', 0)).toBe('suspended');
    expect(finalStatusOf('ada+consider@example.org', 1)).toBe('clear');
    expect(finalStatusOf('ada@example.org', 0)).toBe('clear');
    expect(finalStatusOf('consider@example.org', 0)).toBe('clear');
  });

  it('summarize a result by the item’s kind', () => {
    expect(summaryOf('consider', 'criminal-record')).toBe(
      'criminal-record: A record was found that needs review before a decision.',
    );
  });

  it('retry with a delay doubling from the first, capped', () => {
    expect([2, 3, 4, 5, 6, 7].map((attempt) => retryDelayMs(attempt, 500, 10_000))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 10_000,
    ]);
  });
});

import { utcInstant, type FieldProblem } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

const MAX_RANGE_DAYS = 62;
const DAY = 24 * 60 * 60_000;

/** A half-open range [from, to) of UTC instants. */
export const timeRangeFields = {
  from: utcInstant({ examples: ['2030-03-04T00:00:00Z'] }),
  to: utcInstant({ examples: ['2030-03-11T00:00:00Z'] }),
};

export const TimeRangeQuery = Type.Object(timeRangeFields, { additionalProperties: false });
export type TimeRangeQuery = Static<typeof TimeRangeQuery>;

/** The range ends after it starts, at most 62 days later, so a read stays small. */
export function boundedRange({ from, to }: Readonly<{ from: string; to: string }>): FieldProblem[] {
  const span = Date.parse(to) - Date.parse(from);
  return span > 0 && span <= MAX_RANGE_DAYS * DAY
    ? []
    : [
        {
          field: 'to',
          rule: 'boundedRange',
          message: `to must be after from, at most ${MAX_RANGE_DAYS} days later`,
        },
      ];
}

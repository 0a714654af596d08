import { ApiProperty } from '@nestjs/swagger';
import { Matches, ValidateBy } from 'class-validator';
import { UTC_INSTANT } from './booking.dto';

const MAX_RANGE_DAYS = 62;
const DAY = 24 * 60 * 60_000;

const afterFromAndNotTooLong = ValidateBy({
  name: 'afterFromAndNotTooLong',
  validator: {
    validate: (to: string, args) => {
      const from = Date.parse((args?.object as TimeRange).from);
      const end = Date.parse(to);
      return Number.isNaN(from) || (end > from && end - from <= MAX_RANGE_DAYS * DAY);
    },
    defaultMessage: () => `to must be after from, at most ${MAX_RANGE_DAYS} days later`,
  },
});

/** A half-open range [from, to) of UTC instants, bounded so a read stays small. */
export class TimeRange {
  @ApiProperty({ example: '2030-03-04T00:00:00Z' })
  @Matches(UTC_INSTANT, { message: 'from must be a UTC ISO-8601 instant' })
  from!: string;

  @ApiProperty({ example: '2030-03-11T00:00:00Z' })
  @Matches(UTC_INSTANT, { message: 'to must be a UTC ISO-8601 instant' })
  @afterFromAndNotTooLong
  to!: string;
}

import { schedulingReason, utcInstant } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { OverrideBody } from '../interviews/booking.dto';

export const RescheduleInterviewDayBody = Type.Object(
  {
    startsAt: utcInstant({
      description: "When the day's first session starts; every session and break keeps its spacing",
      examples: ['2030-03-06T08:00:00Z'],
    }),
    reason: schedulingReason(),
    override: Type.Optional(OverrideBody),
  },
  { title: 'RescheduleInterviewDay', additionalProperties: false },
);
export type RescheduleInterviewDayBody = Static<typeof RescheduleInterviewDayBody>;

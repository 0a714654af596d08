import { timeZoneName } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { interviewSettingBodyFields, OverrideBody } from '../interviews/booking.dto';

export const ScheduleInterviewBody = Type.Object(
  {
    ...interviewSettingBodyFields,
    candidateTimeZone: timeZoneName({
      description: 'The IANA zone the candidate reads times in',
      examples: ['Europe/London'],
    }),
    override: Type.Optional(OverrideBody),
  },
  { title: 'ScheduleInterview', additionalProperties: false },
);
export type ScheduleInterviewBody = Static<typeof ScheduleInterviewBody>;

import { sessionTitle, timeSpanFields, timeZoneName } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { interviewSettingBodyFields, OverrideBody } from '../interviews/booking.dto';

/** A session is an interview of its own: its own panel, kind, format and place. */
const SessionBody = Type.Object(
  { title: sessionTitle(), ...interviewSettingBodyFields },
  { title: 'InterviewDaySessionRequest', additionalProperties: false },
);

const BreakBody = Type.Object(
  { title: sessionTitle(), ...timeSpanFields },
  { title: 'InterviewDayBreakRequest', additionalProperties: false },
);

export const ScheduleInterviewDayBody = Type.Object(
  {
    sessions: Type.Array(SessionBody, {
      maxItems: 12,
      description: 'At least two; with the breaks, back to back',
    }),
    breaks: Type.Array(BreakBody, { maxItems: 12, description: 'Between sessions, e.g. lunch' }),
    candidateTimeZone: timeZoneName({
      description: 'The IANA zone the candidate reads the agenda in',
      examples: ['Europe/London'],
    }),
    override: Type.Optional({ ...OverrideBody, description: 'Applies to every session' }),
  },
  { title: 'ScheduleInterviewDay', additionalProperties: false },
);
export type ScheduleInterviewDayBody = Static<typeof ScheduleInterviewDayBody>;

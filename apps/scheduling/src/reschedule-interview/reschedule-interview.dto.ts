import { schedulingReason, timeSpanFields } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { OverrideBody } from '../interviews/booking.dto';

export const RescheduleInterviewBody = Type.Object(
  { ...timeSpanFields, reason: schedulingReason(), override: Type.Optional(OverrideBody) },
  { title: 'RescheduleInterview', additionalProperties: false },
);
export type RescheduleInterviewBody = Static<typeof RescheduleInterviewBody>;

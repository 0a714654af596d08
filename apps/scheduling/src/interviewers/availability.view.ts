import { actorId, timeZoneName, WorkingHoursOfDay } from '@hirestream/contracts';
import { Type } from '@sinclair/typebox';

/** Working hours in the interviewer's own zone, and the daily interview limit. */
const availabilityFields = {
  timeZone: timeZoneName(),
  workingHours: Type.Array(WorkingHoursOfDay),
  dailyInterviewLimit: Type.Integer({ minimum: 1 }),
};

export const AvailabilityView = Type.Object(availabilityFields, {
  title: 'Availability',
  additionalProperties: false,
});

export const InterviewerAvailabilityView = Type.Object(
  { interviewerId: actorId(), ...availabilityFields },
  { title: 'InterviewerAvailability', additionalProperties: false },
);

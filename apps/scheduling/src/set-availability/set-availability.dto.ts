import { timeZoneName, WorkingHoursOfDay } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const SetAvailabilityBody = Type.Object(
  {
    timeZone: timeZoneName({ examples: ['Europe/London'] }),
    workingHours: Type.Array(WorkingHoursOfDay, {
      maxItems: 7,
      description: 'Days left out are not working days',
    }),
    dailyInterviewLimit: Type.Integer({ minimum: 1, maximum: 20 }),
  },
  { title: 'SetAvailability', additionalProperties: false },
);
export type SetAvailabilityBody = Static<typeof SetAvailabilityBody>;

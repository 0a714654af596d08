import {
  INTERVIEW_FORMATS,
  INTERVIEW_KINDS,
  locationText,
  oneOf,
  panelSchema,
  schedulingReason,
  timeSpanFields,
  videoLinkUrl,
} from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

/** Why booking outside working hours or past the daily limit is needed; a clash is never overridden. */
export const OverrideBody = Type.Object(
  { reason: schedulingReason() },
  { title: 'BookingOverride', additionalProperties: false },
);
export type OverrideBody = Static<typeof OverrideBody>;

export const ReasonBody = Type.Object(
  { reason: schedulingReason({ examples: ['the hiring manager is ill'] }) },
  { title: 'Reason', additionalProperties: false },
);
export type ReasonBody = Static<typeof ReasonBody>;

/** What every interview, alone or a session of a day, is: when, what kind, how, where, with whom. */
export const interviewSettingBodyFields = {
  kind: oneOf(INTERVIEW_KINDS),
  round: Type.Integer({ minimum: 1, maximum: 20 }),
  format: oneOf(INTERVIEW_FORMATS),
  location: Type.Optional(locationText()),
  videoLink: Type.Optional(videoLinkUrl()),
  panel: panelSchema(),
  ...timeSpanFields,
};

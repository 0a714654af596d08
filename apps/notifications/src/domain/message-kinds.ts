/** Every message the notifications service sends a candidate. */
export const MESSAGE_KINDS = [
  'application-received',
  'interview-scheduled',
  'interview-rescheduled',
  'interview-cancelled',
  'interview-day-scheduled',
  'interview-day-rescheduled',
  'assessment-assigned',
  'advancing',
  'not-advancing',
  'background-check-consent-requested',
  'pre-adverse-action-notice',
  'final-adverse-action-notice',
  'offer-extended',
  'offer-expiring-soon',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

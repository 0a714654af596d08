/** What an interview is for, in rough process order. */
export const INTERVIEW_KINDS = [
  'screening',
  'first',
  'hiring-manager',
  'technical',
  'panel',
  'final',
] as const;
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];

export const INTERVIEW_FORMATS = ['phone', 'video', 'in-person'] as const;
export type InterviewFormat = (typeof INTERVIEW_FORMATS)[number];

/** A panel has exactly one lead; the other roles may repeat or be absent. */
export const PANEL_ROLES = ['lead', 'question-asker', 'note-taker', 'shadow'] as const;
export type PanelRole = (typeof PANEL_ROLES)[number];

export const NO_SHOW_PARTIES = ['candidate', 'interviewer'] as const;
export type NoShowParty = (typeof NO_SHOW_PARTIES)[number];

/** ISO weekday numbers, Monday = 1 … Sunday = 7, as working hours are written. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

import type { InterviewKitEvent } from '@hirestream/contracts';

export type InterviewKitPublished = Extract<InterviewKitEvent, { type: 'InterviewKitPublished' }>;

/** A job's kit for one interview kind: its current version, null before the first. */
export type InterviewKitState = Readonly<{ current: InterviewKitPublished['data'] | null }>;

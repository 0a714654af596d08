import type { InterviewKitPublished } from '@hirestream/contracts';

/** A job's kit for one interview kind: its current version, null before the first. */
export type InterviewKitState = Readonly<{ current: InterviewKitPublished['data'] | null }>;

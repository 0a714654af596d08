/** Every role a caller can hold; `system` marks reactions no person triggered. */
export const ACTOR_ROLES = [
  'recruiter',
  'coordinator',
  'hiring-manager',
  'interviewer',
  'approver',
  'auditor',
  'admin',
  'candidate',
  'system',
] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export type Actor = Readonly<{ id: string; role: ActorRole }>;

/** Metadata stored with every event, in every service. */
export type EventMetadata = Readonly<{
  eventId: string;
  /** ISO-8601 instant at which the fact happened. */
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  /** Id of the command or event that caused this one. */
  causationId: string;
  /** Version of the event's data schema at the time it was written. */
  schemaVersion: number;
}>;

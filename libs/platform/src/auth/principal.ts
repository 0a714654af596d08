import type { Role } from './roles';

/** Who is calling, from a verified bearer token. */
export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** Set for the candidate role: the one candidacy this caller may see. */
  readonly candidateId?: string;
}

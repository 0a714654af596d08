import type { Role } from './roles';

/** Who is calling, from a verified bearer token. */
export interface Principal {
  readonly subject: string;
  readonly roles: readonly Role[];
  /** Set for the candidate role: the one candidacy this caller may see. */
  readonly candidateId?: string;
}

/** The caller of one request, with the role the route admitted them in (recorded as the actor's role). */
export interface ActingPrincipal extends Principal {
  readonly actingRole: Role;
}

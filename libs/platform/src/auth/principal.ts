import { isUUID } from 'class-validator';
import { ACTOR_ID_RULE, isActorId } from './actor-id';
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

/** The claims of a token that make its principal, not yet checked. */
export interface PrincipalClaims {
  readonly subject: unknown;
  readonly roles: readonly Role[];
  readonly candidateId?: unknown;
}

/** A token whose claims do not name a caller hirestream can act for; answered with 401. */
export class PrincipalClaimsError extends Error {
  override readonly name = 'PrincipalClaimsError';
}

/**
 * The principal of a token's claims. A candidate token is a candidate's and
 * nobody else's: it carries the candidacy it may see (a UUID, as candidate ids
 * are) and no staff role, so a staff role can never widen, and a candidate
 * scope never narrow, what the other allows.
 */
export function principalFromClaims(claims: PrincipalClaims, candidateClaim: string): Principal {
  const { subject, roles, candidateId } = claims;
  if (!isActorId(subject)) {
    throw new PrincipalClaimsError(`The token subject (sub) must be ${ACTOR_ID_RULE}`);
  }
  if (!roles.includes('candidate')) return { subject, roles };
  const staffRoles = roles.filter((role) => role !== 'candidate');
  if (staffRoles.length > 0) {
    throw new PrincipalClaimsError(
      `A token may not carry the candidate role together with staff roles (${staffRoles.join(', ')})`,
    );
  }
  if (typeof candidateId !== 'string' || !isUUID(candidateId)) {
    throw new PrincipalClaimsError(
      `A candidate token needs the ${candidateClaim} claim: the id (a UUID) of the candidacy it may see`,
    );
  }
  return { subject, roles, candidateId: candidateId.toLowerCase() };
}

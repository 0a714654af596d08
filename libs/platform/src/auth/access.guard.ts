import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  UnauthorizedException,
} from '@nestjs/common';
import type { AccessPolicies, AccessPolicy } from './access-policy';
import type { RequestWithPrincipal } from './auth.decorators';
import type { Principal } from './principal';
import type { TokenVerifier } from './token-verifier';

const BEARER = /^Bearer +(\S+)$/i;

/**
 * Every HTTP route not marked `@Public()` needs a valid bearer token (401
 * otherwise) and, under `@Roles`, a caller with one of them (403 otherwise):
 * a staff caller needs one of the listed staff roles; a candidate (whose token
 * carries no staff role, see `principalFromClaims`) needs `candidate` listed
 * and, under `@CandidateScope`, their own candidacy. Sets `request.principal`
 * and `request.actingRole`. One guard rather than an authentication and a
 * roles guard: Nest's work per guard and request costs more than the checks.
 */
export class AccessGuard implements CanActivate {
  constructor(
    private readonly policies: AccessPolicies,
    private readonly verifier: TokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.policies.of(context);
    if (policy.isPublic) return true;
    // The request is the first argument of an HTTP context (`switchToHttp()` allocates per call).
    const request = context.getArgByIndex<RequestWithPrincipal>(0);
    const header = request.headers.authorization;
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (token === undefined) throw new UnauthorizedException('A bearer token is required');
    const cached = this.verifier.cached(token);
    if (cached !== undefined) return admitted(request, cached, policy);
    return this.verifier.verify(token).then((principal) => admitted(request, principal, policy));
  }
}

function admitted(request: RequestWithPrincipal, principal: Principal, policy: AccessPolicy): true {
  request.principal = principal;
  const required = policy.roles;
  if (required === undefined) return true;
  const actingRole = principal.roles.find((role) => required.includes(role));
  if (actingRole === undefined) {
    throw new ForbiddenException(`This action requires one of the roles: ${required.join(', ')}`);
  }
  if (actingRole === 'candidate' && policy.candidateScopeParam !== undefined) {
    const params = request.params as Record<string, string | undefined>;
    if (params[policy.candidateScopeParam] !== principal.candidateId) {
      throw new ForbiddenException('A candidate may only access their own candidacy');
    }
  }
  request.actingRole = actingRole;
  return true;
}

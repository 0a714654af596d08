import { type CanActivate, type ExecutionContext, ForbiddenException } from '@nestjs/common';
import type { AccessPolicies } from './access-policy';
import type { RequestWithPrincipal } from './auth.decorators';

/**
 * Enforces `@Roles`: a staff caller needs one of the listed staff roles; a
 * candidate (whose token carries no staff role, see `principalFromClaims`)
 * needs `candidate` listed and, under `@CandidateScope`, their own candidacy.
 */
export class RolesGuard implements CanActivate {
  constructor(private readonly policies: AccessPolicies) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const policy = this.policies.of(context);
    if (policy.isPublic || policy.roles === undefined) return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const principal = request.principal;
    if (principal === undefined) return false;
    const required = policy.roles;
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
}

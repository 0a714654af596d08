import { type CanActivate, type ExecutionContext, ForbiddenException } from '@nestjs/common';
import type { AccessPolicies } from './access-policy';
import type { RequestWithPrincipal } from './auth.decorators';

/**
 * Enforces `@Roles`: a caller with any listed staff role passes; a caller
 * admitted only through the candidate role must also match `@CandidateScope`.
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
    const staffRole = principal.roles.find(
      (role) => role !== 'candidate' && required.includes(role),
    );
    if (staffRole !== undefined) {
      request.actingRole = staffRole;
      return true;
    }
    if (required.includes('candidate') && principal.roles.includes('candidate')) {
      const params = request.params as Record<string, string | undefined>;
      if (
        policy.candidateScopeParam !== undefined &&
        params[policy.candidateScopeParam] !== principal.candidateId
      ) {
        throw new ForbiddenException('A candidate may only access their own candidacy');
      }
      request.actingRole = 'candidate';
      return true;
    }
    throw new ForbiddenException(`This action requires one of the roles: ${required.join(', ')}`);
  }
}

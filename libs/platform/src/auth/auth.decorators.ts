import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ActingPrincipal, Principal } from './principal';
import type { Role } from './roles';

export const PUBLIC_ROUTE = 'hirestream:public';
export const REQUIRED_ROLES = 'hirestream:roles';
export const CANDIDATE_SCOPE_PARAM = 'hirestream:candidate-scope';

/** No token needed (health, docs, metrics). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The caller needs at least one of these roles; without `@Roles` any authenticated caller may call. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

/**
 * A caller admitted only through the candidate role must have the candidacy
 * named by this route parameter (`@CandidateScope('id')` on `/candidates/:id`).
 */
export const CandidateScope = (param: string): MethodDecorator & ClassDecorator =>
  SetMetadata(CANDIDATE_SCOPE_PARAM, param);

export interface RequestWithPrincipal extends FastifyRequest {
  principal?: Principal;
  /** Set by the roles guard: which of the principal's roles the route admitted. */
  actingRole?: Role;
}

/** The request's verified caller and the role they act in; undefined only on `@Public()` routes. */
export function actingPrincipalOf(request: RequestWithPrincipal): ActingPrincipal | undefined {
  const { principal, actingRole } = request;
  if (principal === undefined) return undefined;
  return { ...principal, actingRole: actingRole ?? principal.roles[0] };
}

/** The verified caller and the role they act in; undefined only on `@Public()` routes. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ActingPrincipal | undefined =>
    actingPrincipalOf(context.switchToHttp().getRequest<RequestWithPrincipal>()),
);

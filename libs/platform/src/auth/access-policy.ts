import type { ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { CANDIDATE_SCOPE_PARAM, PUBLIC_ROUTE, REQUIRED_ROLES } from './auth.decorators';
import type { Role } from './roles';

/** What a route asks of its caller, from its decorators (handler first, then controller). */
export interface AccessPolicy {
  readonly isPublic: boolean;
  readonly roles?: readonly Role[];
  readonly candidateScopeParam?: string;
}

/** Reads each handler's policy once: guards run on every request, decorators never change. */
export class AccessPolicies {
  private readonly byHandler = new WeakMap<object, AccessPolicy>();

  constructor(private readonly reflector: Reflector) {}

  of(context: ExecutionContext): AccessPolicy {
    const handler = context.getHandler();
    let policy = this.byHandler.get(handler);
    if (policy === undefined) {
      const targets = [handler, context.getClass()];
      policy = {
        isPublic:
          this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets),
        candidateScopeParam: this.reflector.getAllAndOverride<string | undefined>(
          CANDIDATE_SCOPE_PARAM,
          targets,
        ),
      };
      this.byHandler.set(handler, policy);
    }
    return policy;
  }
}

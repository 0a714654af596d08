import { type CanActivate, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { AccessPolicies } from './access-policy';
import type { RequestWithPrincipal } from './auth.decorators';
import type { TokenVerifier } from './token-verifier';

const BEARER = /^Bearer +(\S+)$/i;

/** Requires a valid bearer token on every HTTP route not marked `@Public()`, and sets `request.principal`. */
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly policies: AccessPolicies,
    private readonly verifier: TokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http' || this.policies.of(context).isPublic) return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const header = request.headers.authorization;
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (token === undefined) throw new UnauthorizedException('A bearer token is required');
    const cached = this.verifier.cached(token);
    if (cached !== undefined) {
      request.principal = cached;
      return true;
    }
    return this.verifier.verify(token).then((principal) => {
      request.principal = principal;
      return true;
    });
  }
}

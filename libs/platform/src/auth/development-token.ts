import { SignJWT } from 'jose';
import type { PlatformConfig } from '../config/platform.config';
import type { Role } from './roles';

/**
 * The development signing secret: public by design (it is in the source), so a
 * token signed with it proves nothing. Development mode is refused when
 * NODE_ENV=production.
 */
export const DEVELOPMENT_SIGNING_SECRET =
  'hirestream-DEVELOPMENT-ONLY-signing-secret-not-for-production';

export const DEVELOPMENT_ISSUER = 'hirestream-development';

export interface DevelopmentTokenRequest {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly candidateId?: string;
  /** jose time span, e.g. '8h', '15m'. */
  readonly ttl?: string;
}

type SigningConfig = Pick<
  PlatformConfig,
  'AUTH_DEV_SECRET' | 'AUTH_ISSUER' | 'AUTH_AUDIENCE' | 'AUTH_ROLES_CLAIM' | 'AUTH_CANDIDATE_CLAIM'
>;

/** Signs an HS256 token the development-mode verifier accepts under `config`. */
export function signDevelopmentToken(
  request: DevelopmentTokenRequest,
  config: SigningConfig,
): Promise<string> {
  const claims: Record<string, unknown> = { [config.AUTH_ROLES_CLAIM]: [...request.roles] };
  if (request.candidateId !== undefined) claims[config.AUTH_CANDIDATE_CLAIM] = request.candidateId;
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(request.ttl ?? '8h')
    .setIssuer(config.AUTH_ISSUER ?? DEVELOPMENT_ISSUER);
  if (config.AUTH_AUDIENCE !== undefined) jwt.setAudience(config.AUTH_AUDIENCE);
  return jwt.sign(new TextEncoder().encode(config.AUTH_DEV_SECRET));
}

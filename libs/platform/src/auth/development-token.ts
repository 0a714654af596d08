import { decodeJwt, SignJWT } from 'jose';
import type { PlatformConfig } from '../config/platform.config';
import { principalFromClaims } from './principal';
import type { Role } from './roles';

/** `iss` and `aud` of development tokens unless AUTH_ISSUER / AUTH_AUDIENCE say otherwise; both are checked. */
export const DEVELOPMENT_ISSUER = 'hirestream-development';
export const DEVELOPMENT_AUDIENCE = 'hirestream';

export interface DevelopmentTokenRequest {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly candidateId?: string;
  /** jose time span, e.g. '8h', '15m'; at most AUTH_DEV_TOKEN_MAX_TTL_SECONDS. */
  readonly ttl?: string;
}

export type DevelopmentSigningConfig = Pick<
  PlatformConfig,
  | 'AUTH_DEV_SECRET'
  | 'AUTH_ISSUER'
  | 'AUTH_AUDIENCE'
  | 'AUTH_ROLES_CLAIM'
  | 'AUTH_CANDIDATE_CLAIM'
  | 'AUTH_DEV_TOKEN_MAX_TTL_SECONDS'
>;

/**
 * Signs an HS256 token the development-mode verifier accepts under `config`;
 * throws (with the reason) for a request the verifier would refuse: a subject
 * that is no actor id, a candidate without a candidacy or with staff roles, a
 * lifetime beyond AUTH_DEV_TOKEN_MAX_TTL_SECONDS.
 */
export async function signDevelopmentToken(
  request: DevelopmentTokenRequest,
  config: DevelopmentSigningConfig,
): Promise<string> {
  principalFromClaims(request, config.AUTH_CANDIDATE_CLAIM);
  const claims: Record<string, unknown> = { [config.AUTH_ROLES_CLAIM]: [...request.roles] };
  if (request.candidateId !== undefined) claims[config.AUTH_CANDIDATE_CLAIM] = request.candidateId;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(request.ttl ?? '8h')
    .setIssuer(config.AUTH_ISSUER ?? DEVELOPMENT_ISSUER)
    .setAudience(config.AUTH_AUDIENCE ?? DEVELOPMENT_AUDIENCE)
    .sign(new TextEncoder().encode(config.AUTH_DEV_SECRET));
  // jose reads the time span; the lifetime it produced is the one to bound.
  const { iat = 0, exp = 0 } = decodeJwt(token);
  if (exp - iat > config.AUTH_DEV_TOKEN_MAX_TTL_SECONDS) {
    throw new RangeError(
      `A development token may live at most ${config.AUTH_DEV_TOKEN_MAX_TTL_SECONDS} s ` +
        `(AUTH_DEV_TOKEN_MAX_TTL_SECONDS); ${request.ttl ?? '8h'} is ${exp - iat} s`,
    );
  }
  return token;
}

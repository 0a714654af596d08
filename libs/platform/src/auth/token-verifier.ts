import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyOptions,
} from 'jose';
import type { PlatformConfig } from '../config/platform.config';
import type { JsonLogger } from '../logging/json-logger';
import { DEVELOPMENT_AUDIENCE, DEVELOPMENT_ISSUER } from './development-token';
import { type Principal, PrincipalClaimsError, principalFromClaims } from './principal';
import { isRole, type Role } from './roles';

type VerifierConfig = Pick<
  PlatformConfig,
  | 'AUTH_MODE'
  | 'AUTH_JWKS_URL'
  | 'AUTH_ISSUER'
  | 'AUTH_AUDIENCE'
  | 'AUTH_CLOCK_TOLERANCE_SECONDS'
  | 'AUTH_DEV_SECRET'
  | 'AUTH_DEV_TOKEN_MAX_TTL_SECONDS'
  | 'AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK'
  | 'AUTH_ROLES_CLAIM'
  | 'AUTH_CANDIDATE_CLAIM'
>;

interface CachedPrincipal {
  readonly principal: Principal;
  readonly validUntil: number;
}

/** Bounds memory; a full cache is simply emptied. */
const CACHE_LIMIT = 10_000;
/** A revoked or rotated signing key stops being trusted within this time even for cached tokens. */
const CACHE_TTL_MS = 5 * 60_000;

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Verifies bearer tokens with jose, against the IdP's JWKS (`AUTH_MODE=jwks`)
 * or the development secret, and remembers verified tokens until they expire
 * so that the request path pays for a signature check once per token. Every
 * token must carry `exp`, `sub`, the expected `iss` and `aud`; `iat`, when
 * present, may not lie in the future; a development token must carry `iat`
 * and live at most AUTH_DEV_TOKEN_MAX_TTL_SECONDS.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, CachedPrincipal>();
  private readonly verifyToken: (token: string) => Promise<JWTPayload>;

  constructor(
    private readonly config: VerifierConfig,
    logger: JsonLogger,
  ) {
    const tolerance = config.AUTH_CLOCK_TOLERANCE_SECONDS;
    if (config.AUTH_MODE === 'jwks') {
      if (config.AUTH_JWKS_URL === undefined)
        throw new Error('AUTH_JWKS_URL is required when AUTH_MODE=jwks');
      const keys = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
      const options: JWTVerifyOptions = {
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        clockTolerance: tolerance,
        requiredClaims: ['exp', 'sub'],
      };
      this.verifyToken = async (token) =>
        this.checkedTimes((await jwtVerify(token, keys, options)).payload);
    } else {
      const secret = new TextEncoder().encode(config.AUTH_DEV_SECRET);
      const options: JWTVerifyOptions = {
        issuer: config.AUTH_ISSUER ?? DEVELOPMENT_ISSUER,
        audience: config.AUTH_AUDIENCE ?? DEVELOPMENT_AUDIENCE,
        clockTolerance: tolerance,
        requiredClaims: ['exp', 'sub', 'iat'],
        algorithms: ['HS256'],
      };
      this.verifyToken = async (token) =>
        this.checkedLifetime(this.checkedTimes((await jwtVerify(token, secret, options)).payload));
      this.announceDevelopmentMode(logger);
    }
  }

  /** The principal of a token verified before and not yet expired; synchronous for the hot path. */
  cached(token: string): Principal | undefined {
    const entry = this.cache.get(token);
    if (entry === undefined) return undefined;
    if (entry.validUntil > Date.now()) return entry.principal;
    this.cache.delete(token);
    return undefined;
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    let principal: Principal;
    try {
      payload = await this.verifyToken(token);
      principal = this.principalOf(payload);
    } catch (error) {
      throw this.rejection(error);
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(token, {
      principal,
      validUntil: Math.min((payload.exp ?? 0) * 1000, Date.now() + CACHE_TTL_MS),
    });
    return principal;
  }

  private principalOf(payload: JWTPayload): Principal {
    const claim = claimAt(payload, this.config.AUTH_ROLES_CLAIM);
    const names =
      typeof claim === 'string' ? claim.split(/[\s,]+/) : Array.isArray(claim) ? claim : [];
    const roles: Role[] = names.filter(isRole);
    return principalFromClaims(
      {
        subject: payload.sub,
        roles,
        candidateId: claimAt(payload, this.config.AUTH_CANDIDATE_CLAIM),
      },
      this.config.AUTH_CANDIDATE_CLAIM,
    );
  }

  /** jose bounds `iat` only together with a maximum token age; a token is not issued in the future either. */
  private checkedTimes(payload: JWTPayload): JWTPayload {
    const now = Math.floor(Date.now() / 1000);
    if (payload.iat !== undefined && payload.iat > now + this.config.AUTH_CLOCK_TOLERANCE_SECONDS) {
      throw new errors.JWTClaimValidationFailed(
        '"iat" claim lies in the future',
        payload,
        'iat',
        'check_failed',
      );
    }
    return payload;
  }

  /** Development tokens cost nothing to mint, so how long one may live is bounded. */
  private checkedLifetime(payload: JWTPayload): JWTPayload {
    const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
    const limit = this.config.AUTH_DEV_TOKEN_MAX_TTL_SECONDS;
    if (lifetime > limit) {
      throw new errors.JWTClaimValidationFailed(
        `development token lives ${lifetime} s, longer than AUTH_DEV_TOKEN_MAX_TTL_SECONDS (${limit} s)`,
        payload,
        'exp',
        'check_failed',
      );
    }
    return payload;
  }

  private announceDevelopmentMode(logger: JsonLogger): void {
    if (this.config.AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK === undefined) {
      logger.log(
        'AUTH_MODE=development: accepting development tokens, which anyone can mint; local use only',
        'Auth',
      );
      return;
    }
    logger.warn(
      'DEVELOPMENT TOKENS ACCEPTED FROM THE NETWORK (AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK is set): ' +
        'anyone who can reach this service can mint a token with any role, admin included. ' +
        'Never do this with real data; use AUTH_MODE=jwks.',
      'Auth',
    );
  }

  private rejection(error: unknown): Error {
    if (error instanceof PrincipalClaimsError) return new UnauthorizedException(error.message);
    if (error instanceof errors.JWTExpired)
      return new UnauthorizedException('Bearer token has expired');
    if (error instanceof errors.JWTClaimValidationFailed) {
      return new UnauthorizedException(`Bearer token is invalid (${error.code}: ${error.message})`);
    }
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      return new ServiceUnavailableException(
        'Signing keys of the identity provider are unavailable',
      );
    }
    return new UnauthorizedException(`Bearer token is invalid (${error.code})`);
  }
}

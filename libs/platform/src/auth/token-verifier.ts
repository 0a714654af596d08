import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyOptions,
} from 'jose';
import type { PlatformConfig } from '../config/platform.config';
import type { Principal } from './principal';
import { isRole, type Role } from './roles';

type VerifierConfig = Pick<
  PlatformConfig,
  | 'AUTH_MODE'
  | 'AUTH_JWKS_URL'
  | 'AUTH_ISSUER'
  | 'AUTH_AUDIENCE'
  | 'AUTH_DEV_SECRET'
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
 * so that the request path pays for a signature check once per token.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, CachedPrincipal>();
  private readonly verifyToken: (token: string) => Promise<JWTPayload>;

  constructor(private readonly config: VerifierConfig) {
    const options: JWTVerifyOptions = {
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
    };
    if (config.AUTH_MODE === 'jwks') {
      if (config.AUTH_JWKS_URL === undefined)
        throw new Error('AUTH_JWKS_URL is required when AUTH_MODE=jwks');
      const keys = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL));
      this.verifyToken = async (token) => (await jwtVerify(token, keys, options)).payload;
    } else {
      const secret = new TextEncoder().encode(config.AUTH_DEV_SECRET);
      const hsOptions: JWTVerifyOptions = { ...options, algorithms: ['HS256'] };
      this.verifyToken = async (token) => (await jwtVerify(token, secret, hsOptions)).payload;
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
    try {
      payload = await this.verifyToken(token);
    } catch (error) {
      throw this.rejection(error);
    }
    const principal = this.principalOf(payload);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    const expiresAt = payload.exp === undefined ? Infinity : payload.exp * 1000;
    this.cache.set(token, {
      principal,
      validUntil: Math.min(expiresAt, Date.now() + CACHE_TTL_MS),
    });
    return principal;
  }

  private principalOf(payload: JWTPayload): Principal {
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw new UnauthorizedException('Bearer token has no subject');
    }
    const claim = claimAt(payload, this.config.AUTH_ROLES_CLAIM);
    const names =
      typeof claim === 'string' ? claim.split(/[\s,]+/) : Array.isArray(claim) ? claim : [];
    const roles: Role[] = names.filter(isRole);
    const candidateId = claimAt(payload, this.config.AUTH_CANDIDATE_CLAIM);
    if (roles.includes('candidate')) {
      if (typeof candidateId !== 'string' || candidateId === '') {
        throw new UnauthorizedException(
          `A candidate token needs the ${this.config.AUTH_CANDIDATE_CLAIM} claim`,
        );
      }
      return { subject: payload.sub, roles, candidateId };
    }
    return { subject: payload.sub, roles };
  }

  private rejection(error: unknown): Error {
    if (error instanceof errors.JWTExpired)
      return new UnauthorizedException('Bearer token has expired');
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      return new ServiceUnavailableException(
        'Signing keys of the identity provider are unavailable',
      );
    }
    return new UnauthorizedException(`Bearer token is invalid (${error.code})`);
  }
}

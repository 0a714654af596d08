import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWTPayload,
  type KeyObject,
} from 'jose';
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_SIGNING_SECRET,
  loadConfig,
  PlatformConfig,
  signDevelopmentToken,
} from '@hirestream/platform';
import { devToken, startTestService, type TestService } from './test-service.module';

const devConfig = loadConfig(PlatformConfig, { AUTH_MODE: 'development' });
const developmentSecret = new TextEncoder().encode(DEVELOPMENT_SIGNING_SECRET);
const validBody = { name: 'Ada Lovelace', contact: { email: 'ada@example.org' } };
const now = (): number => Math.floor(Date.now() / 1000);

/** Signs exactly these claims (an undefined claim is left out), to build what `signDevelopmentToken` refuses to. */
function signClaims(key: CryptoKey | KeyObject | Uint8Array, claims: JWTPayload): Promise<string> {
  const alg = key instanceof Uint8Array ? 'HS256' : 'RS256';
  return new SignJWT(claims).setProtectedHeader({ alg, kid: 'idp-key-1' }).sign(key);
}

/** The claims of a development token the test service accepts; each case below breaks one. */
const developmentClaims = (): JWTPayload => ({
  sub: 'rita',
  roles: ['recruiter'],
  iss: DEVELOPMENT_ISSUER,
  aud: DEVELOPMENT_AUDIENCE,
  iat: now(),
  exp: now() + 300,
});

describe('authentication and roles (development signing key)', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  const statusFor = async (claims: JWTPayload): Promise<number> => {
    const token = await signClaims(developmentSecret, claims);
    return (await service.request('/candidates', { token, body: validBody })).status;
  };

  it('lets a caller with a listed role in and exposes the principal', async () => {
    const token = await devToken({ subject: 'rita', roles: ['recruiter'] });
    const response = await service.request('/candidates', { token, body: validBody });
    expect(response.status).toBe(201);
    expect(response.json()).toMatchObject({ registered: 'Ada Lovelace', by: 'rita' });
  });

  it('answers a missing token with 401 and a WWW-Authenticate challenge', async () => {
    const response = await service.request('/candidates', { body: validBody });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 401, detail: 'A bearer token is required' });
  });

  it('answers a malformed, forged or expired token with 401', async () => {
    const forged = await signDevelopmentToken(
      { subject: 'mallory', roles: ['admin'] },
      { ...devConfig, AUTH_DEV_SECRET: 'some-other-secret-that-is-long-enough-0123' },
    );
    const expired = await devToken({ subject: 'rita', roles: ['recruiter'], ttl: '-1m' });
    for (const token of ['not-a-jwt', forged]) {
      const response = await service.request('/candidates', { token });
      expect(response.status).toBe(401);
      expect(response.json().detail).toMatch(/^Bearer token is invalid/);
    }
    const response = await service.request('/candidates', { token: expired });
    expect(response.status).toBe(401);
    expect(response.json().detail).toBe('Bearer token has expired');
  });

  it('accepts the hand-made development token the refusals below each break once', async () => {
    expect(await statusFor(developmentClaims())).toBe(201);
  });

  it('refuses a token without exp, with a wrong or no issuer, or for another audience', async () => {
    const cases: Record<string, JWTPayload> = {
      'no exp': { ...developmentClaims(), exp: undefined },
      'wrong issuer': { ...developmentClaims(), iss: 'https://elsewhere.test' },
      'no issuer': { ...developmentClaims(), iss: undefined },
      'foreign audience': { ...developmentClaims(), aud: 'another-api' },
      'no audience': { ...developmentClaims(), aud: undefined },
      'no iat': { ...developmentClaims(), iat: undefined },
    };
    for (const [name, claims] of Object.entries(cases)) {
      const token = await signClaims(developmentSecret, claims);
      const response = await service.request('/candidates', { token, body: validBody });
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
      expect(response.json().detail).toMatch(/^Bearer token is invalid \(ERR_JWT_CLAIM_VALIDATION/);
    }
  });

  it('refuses a development token that lives longer than AUTH_DEV_TOKEN_MAX_TTL_SECONDS', async () => {
    const day = 24 * 60 * 60;
    expect(await statusFor({ ...developmentClaims(), exp: now() + day })).toBe(201);
    const token = await signClaims(developmentSecret, {
      ...developmentClaims(),
      exp: now() + day + 60,
    });
    const response = await service.request('/candidates', { token, body: validBody });
    expect(response.status).toBe(401);
    expect(response.json().detail).toContain('longer than AUTH_DEV_TOKEN_MAX_TTL_SECONDS');
    // Backdating iat does not stretch the bound: the lifetime is exp - iat.
    expect(await statusFor({ ...developmentClaims(), iat: now() - day, exp: now() + 120 })).toBe(
      401,
    );
  });

  it('tolerates 30 s of clock skew on exp and iat, and no more', async () => {
    expect(await statusFor({ ...developmentClaims(), iat: now() - 300, exp: now() - 10 })).toBe(
      201,
    );
    expect(await statusFor({ ...developmentClaims(), iat: now() + 10 })).toBe(201);
    expect(await statusFor({ ...developmentClaims(), iat: now() + 120, exp: now() + 300 })).toBe(
      401,
    );
    expect(await statusFor({ ...developmentClaims(), nbf: now() + 120 })).toBe(401);
  });

  it('refuses a subject that cannot be an actor id', async () => {
    expect(await statusFor({ ...developmentClaims(), sub: 'x'.repeat(100) })).toBe(201);
    for (const sub of ['x'.repeat(101), 'rita\u0000', 'ri\u202Eta', ' rita', 'rita ', '', 42]) {
      // A number is no subject either; JWTPayload's type would not let the test say so.
      const claims = { ...developmentClaims(), sub } as JWTPayload;
      const token = await signClaims(developmentSecret, claims);
      const response = await service.request('/candidates', { token, body: validBody });
      expect({ sub, status: response.status }).toEqual({ sub, status: 401 });
      expect(response.json().detail).toMatch(/^The token subject \(sub\) must be 1–100 characters/);
    }
  });

  it('answers a valid token without a listed role with 403', async () => {
    const token = await devToken({ subject: 'ivan', roles: ['interviewer'] });
    const response = await service.request('/candidates', { token, body: validBody });
    expect(response.status).toBe(403);
    expect(response.json()).toMatchObject({
      status: 403,
      title: 'Forbidden',
      detail: 'This action requires one of the roles: recruiter, admin',
    });
  });

  it('scopes a candidate to their own candidacy', async () => {
    const own = randomUUID();
    const token = await devToken({ subject: 'person-7', roles: ['candidate'], candidateId: own });
    const response = await service.request(`/candidates/${own}`, { token });
    expect(response.status).toBe(200);
    expect(response.json().viewer).toEqual({
      subject: 'person-7',
      roles: ['candidate'],
      candidateId: own,
      actingRole: 'candidate',
    });
    const other = await service.request(`/candidates/${randomUUID()}`, { token });
    expect(other.status).toBe(403);
    expect(other.json().detail).toBe('A candidate may only access their own candidacy');
    const staffOnly = await service.request('/candidates', { token });
    expect(staffOnly.status).toBe(403);
  });

  it('lets staff roles past the candidate scope', async () => {
    const token = await devToken({ subject: 'rita', roles: ['recruiter'] });
    expect((await service.request(`/candidates/${randomUUID()}`, { token })).status).toBe(200);
  });

  it('refuses a candidate token without a candidacy, or with one that is not a candidate id', async () => {
    for (const candidateId of [undefined, 'c-7', 42]) {
      const token = await signClaims(developmentSecret, {
        ...developmentClaims(),
        roles: ['candidate'],
        candidate_id: candidateId,
      });
      const response = await service.request('/candidates/c-7', { token });
      expect(response.status).toBe(401);
      expect(response.json().detail).toBe(
        'A candidate token needs the candidate_id claim: the id (a UUID) of the candidacy it may see',
      );
    }
  });

  it('refuses a token carrying the candidate role together with a staff role', async () => {
    const own = randomUUID();
    const token = await signClaims(developmentSecret, {
      ...developmentClaims(),
      roles: ['candidate', 'recruiter'],
      candidate_id: own,
    });
    for (const path of [`/candidates/${own}`, `/candidates/${randomUUID()}`]) {
      const response = await service.request(path, { token });
      expect(response.status).toBe(401);
      expect(response.json().detail).toBe(
        'A token may not carry the candidate role together with staff roles (recruiter)',
      );
    }
  });

  it('keeps health, metrics and docs public', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics', '/docs-json']) {
      expect((await service.request(path)).status).toBe(200);
    }
  });
});

describe('development mode with its own issuer and audience', () => {
  let service: TestService;
  const env = { AUTH_ISSUER: 'https://dev-idp.test', AUTH_AUDIENCE: 'hirestream-dev' };

  beforeAll(async () => {
    service = await startTestService(env);
  });
  afterAll(() => service.close());

  it('accepts tokens signed for them and refuses the default development ones', async () => {
    const config = loadConfig(PlatformConfig, { AUTH_MODE: 'development', ...env });
    const own = await signDevelopmentToken({ subject: 'rita', roles: ['recruiter'] }, config);
    expect((await service.request('/candidates', { token: own, body: validBody })).status).toBe(
      201,
    );
    const defaults = await devToken({ subject: 'rita', roles: ['recruiter'] });
    const response = await service.request('/candidates', { token: defaults, body: validBody });
    expect(response.status).toBe(401);
  });
});

describe('authentication against an identity provider JWKS', () => {
  let jwksServer: Server;
  let service: TestService;
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  const issuer = 'https://idp.test/realms/hiring';
  const audience = 'hirestream-api';

  const idpClaims = (): JWTPayload => ({
    sub: 'hannah',
    roles: ['recruiter'],
    iss: issuer,
    aud: audience,
    iat: now(),
    exp: now() + 300,
  });

  const idpToken = (
    key: CryptoKey,
    claims: { roles: string[] },
    overrides: { iss?: string; kid?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: overrides.kid ?? 'idp-key-1' })
      .setSubject('hannah')
      .setIssuer(overrides.iss ?? issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);

  beforeAll(async () => {
    const idpKeys = await generateKeyPair('RS256');
    signingKey = idpKeys.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwks = {
      keys: [
        { ...(await exportJWK(idpKeys.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' },
      ],
    };
    jwksServer = createServer((request, response) => {
      if (request.url !== '/jwks') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const { port } = jwksServer.address() as AddressInfo;
    service = await startTestService({
      AUTH_MODE: 'jwks',
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: audience,
    });
  });
  afterAll(async () => {
    await service.close();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  it('accepts a token signed by the identity provider', async () => {
    const token = await idpToken(signingKey, {
      roles: ['hiring-manager', 'offline_access', 'recruiter'],
    });
    const response = await service.request('/candidates', { token, body: validBody });
    expect(response.status).toBe(201);
    expect(response.json().by).toBe('hannah');
  });

  it('rejects a token signed by another key, even under the same key id', async () => {
    const token = await idpToken(strangerKey, { roles: ['recruiter'] });
    const response = await service.request('/candidates', { token, body: validBody });
    expect(response.status).toBe(401);
    expect(response.json().detail).toBe(
      'Bearer token is invalid (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)',
    );
  });

  it('rejects a token whose key id the identity provider does not publish', async () => {
    const token = await idpToken(strangerKey, { roles: ['recruiter'] }, { kid: 'unknown' });
    expect((await service.request('/candidates', { token, body: validBody })).status).toBe(401);
  });

  it('rejects a token from another issuer and a development token', async () => {
    const otherIssuer = await idpToken(
      signingKey,
      { roles: ['recruiter'] },
      { iss: 'https://elsewhere.test' },
    );
    expect(
      (await service.request('/candidates', { token: otherIssuer, body: validBody })).status,
    ).toBe(401);
    const development = await devToken({ subject: 'rita', roles: ['recruiter'] });
    expect(
      (await service.request('/candidates', { token: development, body: validBody })).status,
    ).toBe(401);
  });

  it('rejects a token without exp or issuer, for another audience, or issued in the future', async () => {
    const accepted = await signClaims(signingKey, idpClaims());
    expect(
      (await service.request('/candidates', { token: accepted, body: validBody })).status,
    ).toBe(201);
    const cases: Record<string, JWTPayload> = {
      'no exp': { ...idpClaims(), exp: undefined },
      'no issuer': { ...idpClaims(), iss: undefined },
      'foreign audience': { ...idpClaims(), aud: 'another-api' },
      'no audience': { ...idpClaims(), aud: undefined },
      'issued in the future': { ...idpClaims(), iat: now() + 120 },
      'control character in sub': { ...idpClaims(), sub: 'han\nnah' },
    };
    for (const [name, claims] of Object.entries(cases)) {
      const token = await signClaims(signingKey, claims);
      const response = await service.request('/candidates', { token, body: validBody });
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
    }
  });
});

describe('authentication when the identity provider is unreachable', () => {
  it('answers 503 rather than blaming the token', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const service = await startTestService({
      AUTH_MODE: 'jwks',
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks`,
      AUTH_ISSUER: 'https://idp.test',
      AUTH_AUDIENCE: 'hirestream-api',
    });
    try {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT({ roles: ['recruiter'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k' })
        .setSubject('rita')
        .setIssuer('https://idp.test')
        .setAudience('hirestream-api')
        .setExpirationTime('5m')
        .sign(privateKey);
      const response = await service.request('/candidates', { token });
      expect(response.status).toBe(503);
      expect(response.json().detail).toBe('Signing keys of the identity provider are unavailable');
    } finally {
      await service.close();
    }
  });
});

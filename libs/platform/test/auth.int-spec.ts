import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { loadConfig, PlatformConfig, signDevelopmentToken } from '@hirestream/platform';
import { devToken, startTestService, type TestService } from './test-service.module';

const devConfig = loadConfig(PlatformConfig, {});
const validBody = { name: 'Ada Lovelace', contact: { email: 'ada@example.org' } };

describe('authentication and roles (development signing key)', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

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
    const token = await devToken({ subject: 'person-7', roles: ['candidate'], candidateId: 'c-7' });
    const own = await service.request('/candidates/c-7', { token });
    expect(own.status).toBe(200);
    expect(own.json().viewer).toEqual({
      subject: 'person-7',
      roles: ['candidate'],
      candidateId: 'c-7',
      actingRole: 'candidate',
    });
    const other = await service.request('/candidates/c-8', { token });
    expect(other.status).toBe(403);
    expect(other.json().detail).toBe('A candidate may only access their own candidacy');
    const staffOnly = await service.request('/candidates', { token });
    expect(staffOnly.status).toBe(403);
  });

  it('lets staff roles past the candidate scope', async () => {
    const token = await devToken({ subject: 'rita', roles: ['recruiter'] });
    expect((await service.request('/candidates/c-8', { token })).status).toBe(200);
  });

  it('refuses a candidate token without its candidacy claim', async () => {
    const token = await devToken({ subject: 'person-7', roles: ['candidate'] });
    const response = await service.request('/candidates/c-7', { token });
    expect(response.status).toBe(401);
    expect(response.json().detail).toBe('A candidate token needs the candidate_id claim');
  });

  it('keeps health, metrics and docs public', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics', '/docs-json']) {
      expect((await service.request(path)).status).toBe(200);
    }
  });
});

describe('authentication against an identity provider JWKS', () => {
  let jwksServer: Server;
  let service: TestService;
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  const issuer = 'https://idp.test/realms/hiring';
  const audience = 'hirestream-api';

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
    });
    try {
      const { privateKey } = await generateKeyPair('RS256');
      const token = await new SignJWT({ roles: ['recruiter'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k' })
        .setSubject('rita')
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

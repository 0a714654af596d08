import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { loadConfig } from '../config/config-loader';
import { PlatformConfig } from '../config/platform.config';
import {
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  signDevelopmentToken,
} from './development-token';

const config = loadConfig(PlatformConfig, { AUTH_MODE: 'development' });

describe('signDevelopmentToken', () => {
  it('signs a bounded token for the development issuer and audience', async () => {
    const claims = decodeJwt(
      await signDevelopmentToken({ subject: 'rita', roles: ['recruiter'], ttl: '1h' }, config),
    );
    expect(claims).toMatchObject({
      sub: 'rita',
      roles: ['recruiter'],
      iss: DEVELOPMENT_ISSUER,
      aud: DEVELOPMENT_AUDIENCE,
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3600);
  });

  it('refuses a lifetime beyond AUTH_DEV_TOKEN_MAX_TTL_SECONDS, as `npm run token --ttl` does', async () => {
    await expect(
      signDevelopmentToken({ subject: 'rita', roles: ['recruiter'], ttl: '24h' }, config),
    ).resolves.toEqual(expect.any(String));
    await expect(
      signDevelopmentToken({ subject: 'rita', roles: ['recruiter'], ttl: '25h' }, config),
    ).rejects.toThrow('A development token may live at most 86400 s');
    const shorter = { ...config, AUTH_DEV_TOKEN_MAX_TTL_SECONDS: 600 };
    await expect(
      signDevelopmentToken({ subject: 'rita', roles: ['recruiter'], ttl: '11m' }, shorter),
    ).rejects.toThrow('at most 600 s');
  });

  it('refuses what the verifier would refuse: a bad subject, a mixed or unscoped candidate', async () => {
    await expect(
      signDevelopmentToken({ subject: 'rita\n', roles: ['recruiter'] }, config),
    ).rejects.toThrow('The token subject (sub) must be');
    await expect(
      signDevelopmentToken(
        { subject: 'p-7', roles: ['candidate', 'admin'], candidateId: randomUUID() },
        config,
      ),
    ).rejects.toThrow('together with staff roles (admin)');
    await expect(
      signDevelopmentToken({ subject: 'p-7', roles: ['candidate'], candidateId: 'c-7' }, config),
    ).rejects.toThrow('needs the candidate_id claim');
  });
});

import { ConfigValidationError, type ConfigProblem } from '@hirestream/platform';
import { devToken, startTestService } from './test-service.module';

const CONSENT = 'i-understand-anyone-can-mint-admin-tokens';
const jwks = {
  AUTH_MODE: 'jwks',
  AUTH_JWKS_URL: 'https://idp.test/.well-known/jwks.json',
  AUTH_ISSUER: 'https://idp.test/',
  AUTH_AUDIENCE: 'hirestream',
};

/** What a service started with `env` (over the test defaults) is refused for. */
async function refusal(env: Record<string, string | undefined>): Promise<ConfigValidationError> {
  try {
    await (await startTestService(env)).close();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error(`expected the service to refuse to start with ${JSON.stringify(env)}`);
}

const rules = (error: ConfigValidationError): Pick<ConfigProblem, 'variable' | 'rule'>[] =>
  error.problems.map(({ variable, rule }) => ({ variable, rule }));

/** Starts the service and checks a development token gets in, then stops it. */
async function startsAndAcceptsDevelopmentTokens(env: Record<string, string>) {
  const service = await startTestService(env);
  try {
    const token = await devToken({ subject: 'rita', roles: ['recruiter'] });
    expect((await service.request('/candidates?limit=1', { token })).status).toBe(200);
    return service.logs.lines;
  } finally {
    await service.close();
  }
}

describe('auth configuration', () => {
  it('refuses to start without AUTH_MODE, naming it and both modes', async () => {
    const error = await refusal({ AUTH_MODE: undefined });
    expect(rules(error)).toEqual([{ variable: 'AUTH_MODE', rule: 'isIn' }]);
    expect(error.message).toContain('AUTH_MODE must be set to "jwks"');
    expect(error.message).toContain('or "development"');
  });

  it('refuses development mode with NODE_ENV=production, even with the network override', async () => {
    const error = await refusal({
      NODE_ENV: 'production',
      AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK: CONSENT,
    });
    expect(rules(error)).toEqual([{ variable: 'AUTH_MODE', rule: 'notDevelopmentInProduction' }]);
  });

  it('refuses development mode on a non-loopback HOST without the override', async () => {
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'hirestream.internal']) {
      const error = await refusal({ HOST: host });
      expect(rules(error)).toEqual([{ variable: 'AUTH_MODE', rule: 'developmentOnLoopbackOnly' }]);
      expect(error.message).toContain(`refused on HOST=${host}`);
      expect(error.message).toContain(`AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK=${CONSENT}`);
    }
  });

  it('starts development mode on loopback hosts, quietly', async () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) {
      const lines = await startsAndAcceptsDevelopmentTokens({ HOST: host });
      expect(lines.filter((line) => line.level === 'warn')).toEqual([]);
    }
  });

  it('counts only the exact override value, and warns loudly when it is used', async () => {
    const error = await refusal({
      HOST: '0.0.0.0',
      AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK: 'true',
    });
    expect(rules(error)).toEqual([
      { variable: 'AUTH_MODE', rule: 'developmentOnLoopbackOnly' },
      { variable: 'AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK', rule: 'isIn' },
    ]);
    const lines = await startsAndAcceptsDevelopmentTokens({
      HOST: '0.0.0.0',
      AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK: CONSENT,
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        context: 'Auth',
        msg: expect.stringContaining('DEVELOPMENT TOKENS ACCEPTED FROM THE NETWORK'),
      }),
    );
  });

  it('requires the JWKS URL, issuer and audience in jwks mode', async () => {
    const error = await refusal({ AUTH_MODE: 'jwks' });
    expect(rules(error)).toEqual([
      { variable: 'AUTH_JWKS_URL', rule: 'isUrl' },
      { variable: 'AUTH_ISSUER', rule: 'isString' },
      { variable: 'AUTH_AUDIENCE', rule: 'isString' },
    ]);
    expect(error.message).toContain('AUTH_ISSUER (the iss of the identity provider');
    for (const missing of ['AUTH_ISSUER', 'AUTH_AUDIENCE']) {
      const without = await refusal({ ...jwks, [missing]: undefined });
      expect(rules(without)).toEqual([{ variable: missing, rule: 'isString' }]);
    }
  });

  it('fetches identity provider keys over https only, or from this machine', async () => {
    const error = await refusal({ ...jwks, AUTH_JWKS_URL: 'http://idp.test/jwks' });
    expect(rules(error)).toEqual([{ variable: 'AUTH_JWKS_URL', rule: 'httpsUnlessLoopback' }]);
    for (const url of [jwks.AUTH_JWKS_URL, 'http://127.0.0.1:8080/jwks', 'http://[::1]/jwks']) {
      await (await startTestService({ ...jwks, AUTH_JWKS_URL: url })).close();
    }
  });

  it('bounds the clock tolerance and the development token lifetime', async () => {
    const error = await refusal({
      AUTH_CLOCK_TOLERANCE_SECONDS: '301',
      AUTH_DEV_TOKEN_MAX_TTL_SECONDS: String(8 * 24 * 60 * 60),
    });
    expect(rules(error)).toEqual([
      { variable: 'AUTH_CLOCK_TOLERANCE_SECONDS', rule: 'max' },
      { variable: 'AUTH_DEV_TOKEN_MAX_TTL_SECONDS', rule: 'max' },
    ]);
  });
});

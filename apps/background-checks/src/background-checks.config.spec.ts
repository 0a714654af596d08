import {
  DEVELOPMENT_API_KEY,
  DEVELOPMENT_WEBHOOK_SECRET,
} from '@hirestream/embedded-screening-provider';
import { ConfigValidationError, loadConfig } from '@hirestream/platform';
import { BackgroundChecksConfig } from './background-checks.config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(BackgroundChecksConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
};

describe('background-checks config', () => {
  it('meets the embedded provider npm start runs, with its development key and secret', () => {
    const config = loadConfig(BackgroundChecksConfig, { AUTH_MODE: 'development' });
    expect(config.SCREENING_PROVIDER_URL).toBe('http://127.0.0.1:3090');
    expect(config.SCREENING_PROVIDER_API_KEY).toBe(DEVELOPMENT_API_KEY);
    expect(config.SCREENING_PROVIDER_WEBHOOK_SECRET).toBe(DEVELOPMENT_WEBHOOK_SECRET);
    expect(config.SCREENING_PROVIDER_WEBHOOK_TOLERANCE_SECONDS).toBe(300);
  });

  it('refuses the development key and secret in production, naming both', () => {
    expect(problemsOf({ AUTH_MODE: 'jwks', NODE_ENV: 'production' })).toEqual(
      expect.arrayContaining(['SCREENING_PROVIDER_API_KEY', 'SCREENING_PROVIDER_WEBHOOK_SECRET']),
    );
    expect(
      problemsOf({
        AUTH_MODE: 'jwks',
        NODE_ENV: 'production',
        SCREENING_PROVIDER_API_KEY: 'a-key-the-provider-issued',
        SCREENING_PROVIDER_WEBHOOK_SECRET: 'a-secret-the-provider-issued-0123456789',
      }).filter((variable) => variable.startsWith('SCREENING_')),
    ).toEqual([]);
  });

  it('refuses a short secret, plain http to another host, and a tolerance out of bounds', () => {
    expect(
      problemsOf({
        AUTH_MODE: 'development',
        SCREENING_PROVIDER_WEBHOOK_SECRET: 'too-short',
        SCREENING_PROVIDER_URL: 'http://screening.example.org',
        SCREENING_PROVIDER_WEBHOOK_TOLERANCE_SECONDS: '86400',
      }),
    ).toEqual([
      'SCREENING_PROVIDER_URL',
      'SCREENING_PROVIDER_WEBHOOK_SECRET',
      'SCREENING_PROVIDER_WEBHOOK_TOLERANCE_SECONDS',
    ]);
  });
});

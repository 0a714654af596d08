import { Type } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { ConfigValidationError, loadConfig } from './config-loader';
import { PlatformConfig } from './platform.config';

class ExtendedConfig extends PlatformConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PROJECTION_BATCH_SIZE = 100;
}

function problemsFor(env: Record<string, string>): ConfigValidationError {
  try {
    loadConfig(ExtendedConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an environment that names only the auth mode', () => {
    const config = loadConfig(PlatformConfig, { AUTH_MODE: 'development' });
    expect(config).toMatchObject({
      LOG_LEVEL: 'info',
      EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:2113?tls=false',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      AUTH_ROLES_CLAIM: 'roles',
      AUTH_CANDIDATE_CLAIM: 'candidate_id',
      AUTH_CLOCK_TOLERANCE_SECONDS: 30,
      AUTH_DEV_TOKEN_MAX_TTL_SECONDS: 86_400,
      IDEMPOTENCY_TTL_HOURS: 24,
    });
    expect(config.PORT).toBeUndefined();
  });

  it('converts values, splits lists, treats empty values as unset and drops undeclared variables', () => {
    const config = loadConfig(ExtendedConfig, {
      AUTH_MODE: 'development',
      PORT: '8080',
      KAFKA_BROKERS: 'a:9092, b:9093',
      LOG_LEVEL: '',
      PROJECTION_BATCH_SIZE: '7',
      UNRELATED: 'x',
    });
    expect(config.PORT).toBe(8080);
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.PROJECTION_BATCH_SIZE).toBe(7);
    expect(config).not.toHaveProperty('UNRELATED');
  });

  it('names every bad variable and the rule it breaks', () => {
    const error = problemsFor({
      PORT: '70000',
      LOG_LEVEL: 'loud',
      KAFKA_BROKERS: 'no-port',
      PROJECTION_BATCH_SIZE: '0',
      IDEMPOTENCY_TTL_HOURS: '1.5',
    });
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variable: 'PORT', rule: 'max' }),
        expect.objectContaining({ variable: 'LOG_LEVEL', rule: 'isIn' }),
        expect.objectContaining({ variable: 'KAFKA_BROKERS', rule: 'matches' }),
        expect.objectContaining({ variable: 'PROJECTION_BATCH_SIZE', rule: 'min' }),
        expect.objectContaining({ variable: 'IDEMPOTENCY_TTL_HOURS', rule: 'isInt' }),
      ]),
    );
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('PROJECTION_BATCH_SIZE');
  });
});

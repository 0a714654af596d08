import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  type ValidationArguments,
} from 'class-validator';
import { DEVELOPMENT_SIGNING_SECRET } from '../auth/development-token';
import { LOG_LEVELS, type LogLevel } from '../logging/json-logger';

export const AUTH_MODES = ['development', 'jwks'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

const commaSeparated = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    : value;

/** Development keys are public; a production process must verify real IdP tokens. */
function NotDevelopmentInProduction(): PropertyDecorator {
  return ValidateBy({
    name: 'notDevelopmentInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        !(
          value === 'development' &&
          (args?.object as PlatformConfig | undefined)?.NODE_ENV === 'production'
        ),
      defaultMessage: () =>
        'AUTH_MODE=development is refused when NODE_ENV=production; use AUTH_MODE=jwks',
    },
  });
}

/**
 * The environment every service reads. Property names are the variable names,
 * so a validation error names the variable. Services extend this class with
 * their own variables (decorated the same way) and pass it as `config`.
 */
export class PlatformConfig {
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** Overrides the port the service passes to `bootstrapService`. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  HOST?: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Matches(/^esdb(\+discover)?:\/\/\S+$/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// connection string',
  })
  EVENTSTORE_CONNECTION_STRING = 'esdb://127.0.0.1:2113?tls=false';

  @Transform(commaSeparated)
  @IsArray()
  @ArrayNotEmpty()
  @Matches(/^[^\s:,]+:\d{1,5}$/, {
    each: true,
    message: 'KAFKA_BROKERS must be comma-separated host:port pairs',
  })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsIn(AUTH_MODES)
  @NotDevelopmentInProduction()
  AUTH_MODE: AuthMode = 'development';

  @ValidateIf(
    (config: PlatformConfig) => config.AUTH_MODE === 'jwks' || config.AUTH_JWKS_URL !== undefined,
  )
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  AUTH_JWKS_URL?: string;

  @IsOptional()
  @IsString()
  AUTH_ISSUER?: string;

  @IsOptional()
  @IsString()
  AUTH_AUDIENCE?: string;

  @IsString()
  @MinLength(32)
  AUTH_DEV_SECRET: string = DEVELOPMENT_SIGNING_SECRET;

  /** Dotted path of the roles claim (e.g. `realm_access.roles`); an array or a space-separated string. */
  @IsString()
  @IsNotEmpty()
  AUTH_ROLES_CLAIM = 'roles';

  @IsString()
  @IsNotEmpty()
  AUTH_CANDIDATE_CLAIM = 'candidate_id';

  /** CORS is off unless origins are listed. */
  @IsOptional()
  @Transform(commaSeparated)
  @IsArray()
  @IsString({ each: true })
  CORS_ORIGINS?: string[];
}

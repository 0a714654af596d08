import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
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
import {
  DEVELOPMENT_TOKENS_ON_NETWORK_CONSENT,
  DevelopmentOnLoopbackOnly,
  HttpsUnlessLoopback,
  NotDevelopmentInProduction,
} from './auth-config-rules';
import { DEVELOPMENT_SIGNING_SECRET } from './development-secret';
import { LOG_LEVELS, type LogLevel } from './log-levels';
import { SERVICE_ROLES, type ServiceRole } from './service-role';
import {
  booleanFlag,
  NotWithPasswordFile,
  OnlyWithKafkaSsl,
  OnlyWithSaslMechanism,
  PlainOnlyOverTls,
  ReadableFile,
} from './kafka-config-rules';

export const AUTH_MODES = ['development', 'jwks'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

const MAX_CLOCK_TOLERANCE_SECONDS = 300;
const MAX_CLOCK_SHIFT_SECONDS = 10 * 365 * 24 * 60 * 60;
const MAX_DEVELOPMENT_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60;

const lowerCase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toLowerCase() : value;

/** A client certificate and its key go together: setting either asks for both. */
const clientCertificateWanted = (config: PlatformConfig): boolean =>
  config.KAFKA_SSL_CERT_FILE !== undefined || config.KAFKA_SSL_KEY_FILE !== undefined;

const commaSeparated = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    : value;

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

  /** What this process runs: the HTTP API, the background work, or both (see service-role.ts). */
  @IsIn(SERVICE_ROLES, { message: `ROLE must be one of ${SERVICE_ROLES.join(', ')}` })
  ROLE: ServiceRole = 'all';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Matches(/^esdb(\+discover)?:\/\/\S+$/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// connection string',
  })
  EVENTSTORE_CONNECTION_STRING = 'esdb://127.0.0.1:2113?tls=false';

  /**
   * How long an Idempotency-Key is remembered, with the response it got (up to
   * 30 days); a repeat after that runs as a new request.
   */
  @Type(() => Number)
  @IsInt({ message: 'IDEMPOTENCY_TTL_HOURS must be a whole number of hours' })
  @Min(1)
  @Max(720)
  IDEMPOTENCY_TTL_HOURS = 24;

  @Transform(commaSeparated)
  @IsArray()
  @ArrayNotEmpty()
  @Matches(/^[^\s:,]+:\d{1,5}$/, {
    each: true,
    message: 'KAFKA_BROKERS must be comma-separated host:port pairs',
  })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  /** TLS to the brokers (a cluster's SSL or SASL_SSL listener); certificates are always verified. */
  @Transform(booleanFlag)
  @IsBoolean({ message: 'KAFKA_SSL must be true or false' })
  KAFKA_SSL = false;

  /** PEM file of the CA(s) the brokers' certificates are checked against; unset: Node's usual CAs. */
  @IsOptional()
  @IsString()
  @ReadableFile({ pem: true })
  @OnlyWithKafkaSsl()
  KAFKA_SSL_CA_FILE?: string;

  /** PEM file of this service's client certificate, for brokers that authenticate clients by TLS. */
  @ValidateIf(clientCertificateWanted)
  @IsString({
    message: 'KAFKA_SSL_CERT_FILE is required with KAFKA_SSL_KEY_FILE (a certificate and its key)',
  })
  @ReadableFile({ pem: true })
  @OnlyWithKafkaSsl()
  KAFKA_SSL_CERT_FILE?: string;

  /** PEM file of the client certificate's private key (unencrypted). */
  @ValidateIf(clientCertificateWanted)
  @IsString({
    message: 'KAFKA_SSL_KEY_FILE is required with KAFKA_SSL_CERT_FILE (a certificate and its key)',
  })
  @ReadableFile({ pem: true })
  @OnlyWithKafkaSsl()
  KAFKA_SSL_KEY_FILE?: string;

  /** Unset: no SASL. Kafka's upper-case names (SCRAM-SHA-512) are accepted too. */
  @IsOptional()
  @Transform(lowerCase)
  @IsIn(KAFKA_SASL_MECHANISMS, {
    message: `KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`,
  })
  @PlainOnlyOverTls()
  KAFKA_SASL_MECHANISM?: KafkaSaslMechanism;

  @ValidateIf(
    (config: PlatformConfig) =>
      config.KAFKA_SASL_MECHANISM !== undefined || config.KAFKA_SASL_USERNAME !== undefined,
  )
  @IsString({ message: 'KAFKA_SASL_USERNAME is required when KAFKA_SASL_MECHANISM is set' })
  @OnlyWithSaslMechanism()
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf(
    (config: PlatformConfig) =>
      config.KAFKA_SASL_PASSWORD !== undefined ||
      (config.KAFKA_SASL_MECHANISM !== undefined && config.KAFKA_SASL_PASSWORD_FILE === undefined),
  )
  @IsString({
    message:
      'KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE) is required when KAFKA_SASL_MECHANISM is set',
  })
  @OnlyWithSaslMechanism()
  @NotWithPasswordFile()
  KAFKA_SASL_PASSWORD?: string;

  /** A file holding the SASL password (a mounted secret), read at start; one trailing newline is dropped. */
  @IsOptional()
  @IsString()
  @ReadableFile({ pem: false })
  @OnlyWithSaslMechanism()
  KAFKA_SASL_PASSWORD_FILE?: string;

  /** No default: a service must be told whose tokens to trust. */
  @IsIn(AUTH_MODES, {
    message:
      'AUTH_MODE must be set to "jwks" (verify tokens of your identity provider; needs AUTH_JWKS_URL, ' +
      'AUTH_ISSUER and AUTH_AUDIENCE) or "development" (tokens signed with the development secret, ' +
      'which anyone can mint; local use only)',
  })
  @NotDevelopmentInProduction()
  @DevelopmentOnLoopbackOnly()
  AUTH_MODE!: AuthMode;

  @ValidateIf(
    (config: PlatformConfig) => config.AUTH_MODE === 'jwks' || config.AUTH_JWKS_URL !== undefined,
  )
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: "AUTH_JWKS_URL must be the URL of the identity provider's JWKS (AUTH_MODE=jwks)" },
  )
  @HttpsUnlessLoopback()
  AUTH_JWKS_URL?: string;

  /** Required in jwks mode; in development mode it replaces the development issuer. */
  @ValidateIf(
    (config: PlatformConfig) => config.AUTH_MODE === 'jwks' || config.AUTH_ISSUER !== undefined,
  )
  @IsString({
    message:
      "AUTH_ISSUER (the iss of the identity provider's tokens) is required when AUTH_MODE=jwks",
  })
  AUTH_ISSUER?: string;

  /** Required in jwks mode; in development mode it replaces the development audience. */
  @ValidateIf(
    (config: PlatformConfig) => config.AUTH_MODE === 'jwks' || config.AUTH_AUDIENCE !== undefined,
  )
  @IsString({
    message: 'AUTH_AUDIENCE (the aud tokens for hirestream carry) is required when AUTH_MODE=jwks',
  })
  AUTH_AUDIENCE?: string;

  /** How far the clocks of the token issuer and this service may disagree, for exp, nbf and iat. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_CLOCK_TOLERANCE_SECONDS)
  AUTH_CLOCK_TOLERANCE_SECONDS = 30;

  /**
   * Runs the service's clock this many seconds ahead of the wall clock (a demo
   * or a test sees a waiting period end without waiting). Refused when
   * NODE_ENV=production.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_CLOCK_SHIFT_SECONDS)
  @ValidateBy({
    name: 'noClockShiftInProduction',
    validator: {
      validate: (_: unknown, args?: ValidationArguments) =>
        (args?.object as PlatformConfig | undefined)?.NODE_ENV !== 'production',
      defaultMessage: () => 'CLOCK_SHIFT_SECONDS is refused when NODE_ENV=production',
    },
  })
  CLOCK_SHIFT_SECONDS?: number;

  @IsString()
  @MinLength(32)
  AUTH_DEV_SECRET: string = DEVELOPMENT_SIGNING_SECRET;

  /** The longest a development token may live (exp - iat); `npm run token` refuses a longer --ttl. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(MAX_DEVELOPMENT_TOKEN_TTL_SECONDS)
  AUTH_DEV_TOKEN_MAX_TTL_SECONDS = 24 * 60 * 60;

  /** Lets development mode listen on a network interface; only the one, loudly named value counts. */
  @IsOptional()
  @IsIn([DEVELOPMENT_TOKENS_ON_NETWORK_CONSENT], {
    message: `AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK is either unset or exactly ${DEVELOPMENT_TOKENS_ON_NETWORK_CONSENT}`,
  })
  AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK?: string;

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

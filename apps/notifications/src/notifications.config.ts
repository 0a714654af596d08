import { EMBEDDED_SMTP_PORT } from '@hirestream/embedded-smtp';
import { isKnownTimeZone } from '@hirestream/contracts';
import { ReadModelConfig } from '@hirestream/read-models';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';
import { readFileSync } from 'node:fs';

export const SMTP_TLS_MODES = ['none', 'starttls', 'implicit'] as const;

const inProduction = (args?: ValidationArguments) =>
  (args?.object as { NODE_ENV?: string } | undefined)?.NODE_ENV === 'production';

/** The development default (the embedded server, in plain text, from a `.localhost` sender) is refused in production. */
function NotDevelopmentValueInProduction(
  developmentValue: string,
  hint: string,
): PropertyDecorator {
  return ValidateBy({
    name: 'notDevelopmentValueInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        !(value === developmentValue && inProduction(args)),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'The variable'} is the development value ${developmentValue}, refused when NODE_ENV=production: ${hint}`,
    },
  });
}

const DEVELOPMENT_SENDER = 'hirestream <no-reply@hirestream.localhost>';

/** The notifications service's configuration: the read models' (outbox, timers) and the SMTP relay's. */
export class NotificationsConfig extends ReadModelConfig {
  /** The SMTP relay; by default the embedded server `npm start` runs. */
  @IsString()
  SMTP_HOST = '127.0.0.1';

  @Type(() => Number)
  @IsInt({ message: 'SMTP_PORT must be a port number' })
  @Min(1)
  @Max(65_535)
  SMTP_PORT = EMBEDDED_SMTP_PORT;

  /** `starttls` (port 587) or `implicit` (465) with a real relay; `none` only for the embedded one. */
  @IsIn(SMTP_TLS_MODES, { message: `SMTP_TLS must be one of ${SMTP_TLS_MODES.join(', ')}` })
  @NotDevelopmentValueInProduction('none', 'use starttls or implicit TLS to the relay')
  SMTP_TLS: (typeof SMTP_TLS_MODES)[number] = 'none';

  @IsOptional()
  @IsString()
  SMTP_USERNAME?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  /** A file holding the SMTP password (a mounted secret), read at start; one trailing newline is dropped. */
  @IsOptional()
  @IsString()
  SMTP_PASSWORD_FILE?: string;

  /** The sender, `Name <address>`. */
  @Matches(/^[^<>\r\n]*<[^@<>\s]+@[^@<>\s]+>$|^[^@<>\s]+@[^@<>\s]+$/, {
    message: 'NOTIFICATIONS_FROM must be an address or "Name <address>"',
  })
  @NotDevelopmentValueInProduction(
    DEVELOPMENT_SENDER,
    'set the address candidates receive mail from',
  )
  NOTIFICATIONS_FROM = DEVELOPMENT_SENDER;

  /** The locale messages are written in (BCP 47; the candidate stream records none per candidate yet). */
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
    message: 'NOTIFICATIONS_LOCALE must be a BCP 47 locale such as en or fr-CA',
  })
  NOTIFICATIONS_LOCALE = 'en';

  /** The zone times are shown in until the candidate's own is known (from their first interview). */
  @ValidateBy({
    name: 'knownTimeZone',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isKnownTimeZone(value),
      defaultMessage: () =>
        'NOTIFICATIONS_TIME_ZONE must be an IANA time zone such as Europe/London',
    },
  })
  NOTIFICATIONS_TIME_ZONE = 'UTC';

  /** Where the message templates are read from; the service's own `templates/` by default. */
  @IsOptional()
  @IsString({ message: 'NOTIFICATIONS_TEMPLATES_DIR must be a folder path' })
  NOTIFICATIONS_TEMPLATES_DIR?: string;
}

/** The SMTP password, from the variable or its file; undefined when neither is set. */
export function smtpPassword(config: NotificationsConfig): string | undefined {
  if (config.SMTP_PASSWORD_FILE === undefined) return config.SMTP_PASSWORD;
  try {
    return readFileSync(config.SMTP_PASSWORD_FILE, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new Error(`SMTP_PASSWORD_FILE cannot be read: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The bare address of the sender: the invitations' organizer. */
export function senderAddress(config: NotificationsConfig): string {
  return /<([^>]+)>$/.exec(config.NOTIFICATIONS_FROM)?.[1] ?? config.NOTIFICATIONS_FROM;
}

import {
  DEVELOPMENT_API_KEY,
  DEVELOPMENT_WEBHOOK_SECRET,
  EMBEDDED_PROVIDER_PORT,
} from '@hirestream/embedded-screening-provider';
import { HttpsUnlessLoopback } from '@hirestream/platform';
import { ReadModelConfig } from '@hirestream/read-models';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  type ValidationArguments,
} from 'class-validator';

/** On a credential: its public development value is refused when NODE_ENV=production. */
function NotDevelopmentValueInProduction(developmentValue: string): PropertyDecorator {
  return ValidateBy({
    name: 'notDevelopmentValueInProduction',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        !(
          value === developmentValue &&
          (args?.object as { NODE_ENV?: string } | undefined)?.NODE_ENV === 'production'
        ),
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'The variable'} is the public development value, refused when NODE_ENV=production: set the one your screening provider gave you`,
    },
  });
}

/** The background-checks service's configuration: the read models' and the screening provider's. */
export class BackgroundChecksConfig extends ReadModelConfig {
  /** Where the policy files (packages, jurisdictions, check selections) are read from; the service's own `policies/` by default. */
  @IsOptional()
  @IsString({ message: 'BACKGROUND_CHECKS_POLICIES_DIR must be a folder path' })
  BACKGROUND_CHECKS_POLICIES_DIR?: string;

  /** The provider's API; by default the embedded provider `npm start` runs. */
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: "SCREENING_PROVIDER_URL must be the URL of the screening provider's API" },
  )
  @HttpsUnlessLoopback()
  SCREENING_PROVIDER_URL = `http://127.0.0.1:${EMBEDDED_PROVIDER_PORT}`;

  /** The provider's name as recorded in each order (`BackgroundCheckOrdered.provider`). */
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    message: 'SCREENING_PROVIDER_NAME must be lower-case letters, digits and dashes',
  })
  SCREENING_PROVIDER_NAME = 'embedded';

  /** Sent as `Authorization: Bearer <key>` with every call to the provider. */
  @IsString()
  @MinLength(16)
  @NotDevelopmentValueInProduction(DEVELOPMENT_API_KEY)
  SCREENING_PROVIDER_API_KEY = DEVELOPMENT_API_KEY;

  /** The HMAC-SHA256 key the provider signs its webhooks with. */
  @IsString()
  @MinLength(32)
  @NotDevelopmentValueInProduction(DEVELOPMENT_WEBHOOK_SECRET)
  SCREENING_PROVIDER_WEBHOOK_SECRET = DEVELOPMENT_WEBHOOK_SECRET;

  /** How old (or far ahead) a webhook's signed timestamp may be; older deliveries are refused (401). */
  @Type(() => Number)
  @IsInt({
    message: 'SCREENING_PROVIDER_WEBHOOK_TOLERANCE_SECONDS must be a whole number of seconds',
  })
  @Min(30)
  @Max(3_600)
  SCREENING_PROVIDER_WEBHOOK_TOLERANCE_SECONDS = 300;

  /** A call to the provider not answered within this fails (and is retried as a whole). */
  @Type(() => Number)
  @IsInt({ message: 'SCREENING_PROVIDER_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(100)
  @Max(120_000)
  SCREENING_PROVIDER_TIMEOUT_MS = 10_000;
}

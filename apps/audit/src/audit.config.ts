import { ReadModelConfig } from '@hirestream/read-models';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

const SERVICE_URL = '[a-z][a-z0-9-]*=https?://[^\\s,=]+';

/** The audit service's configuration: the read models' (anchors, chain heads) and its own. */
export class AuditConfig extends ReadModelConfig {
  /**
   * The services asked for their state at a point and where: `name=url` pairs,
   * comma-separated (`candidates=http://candidates:3001,…`). Unset: every service
   * of tools/services.ts folding candidates' streams at http://127.0.0.1:<its port>.
   */
  @ValidateIf((config: AuditConfig) => config.AUDIT_SERVICE_URLS !== undefined)
  @Matches(new RegExp(`^${SERVICE_URL}(,${SERVICE_URL})*$`), {
    message:
      'AUDIT_SERVICE_URLS must be comma-separated name=url pairs (candidates=http://candidates:3001,…)',
  })
  AUDIT_SERVICE_URLS?: string;

  /** How long a service may take to answer the audit service (ms). */
  @Type(() => Number)
  @IsInt({ message: 'AUDIT_SERVICE_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(100)
  @Max(120_000)
  AUDIT_SERVICE_TIMEOUT_MS = 10_000;

  /** How often the chain heads changed since the last anchor are anchored (seconds). */
  @Type(() => Number)
  @IsInt({ message: 'ANCHOR_INTERVAL_SECONDS must be a whole number of seconds' })
  @Min(1)
  @Max(86_400)
  ANCHOR_INTERVAL_SECONDS = 60;

  /**
   * PEM file of the Ed25519 private key (PKCS#8) signing anchors and exports.
   * Required when NODE_ENV=production; elsewhere a key is generated once into
   * AUDIT_DATA_DIR and reused.
   */
  @ValidateIf(
    (config: AuditConfig) =>
      config.NODE_ENV === 'production' || config.AUDIT_SIGNING_KEY_FILE !== undefined,
  )
  @IsString({
    message:
      'AUDIT_SIGNING_KEY_FILE is required when NODE_ENV=production: the PEM file of the Ed25519 key that signs anchors and exports',
  })
  AUDIT_SIGNING_KEY_FILE?: string;

  /** Where the development signing key is kept (generated once, then reused). */
  @IsString()
  @IsNotEmpty()
  AUDIT_DATA_DIR = '.data/audit';
}

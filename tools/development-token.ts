import {
  isRole,
  loadConfig,
  PlatformConfig,
  ROLES,
  signDevelopmentToken,
} from '@hirestream/platform';
import { CommandError } from './command-error';

export type DevelopmentTokenOptions = Readonly<{
  roles: readonly string[];
  subject: string | undefined;
  candidateId?: string;
  ttl?: string;
}>;

/** A token asked for with missing or unknown arguments: the usage helps. */
export class TokenArgumentsError extends CommandError {}

export const DEVELOPMENT_TOKEN_ROLES = `Roles: ${ROLES.join(', ')} (candidate goes alone, with --candidate)`;

/**
 * A development bearer token, signed with the development key the services
 * accept in AUTH_MODE=development (AUTH_DEV_SECRET, AUTH_ISSUER, AUTH_AUDIENCE,
 * AUTH_DEV_TOKEN_MAX_TTL_SECONDS and the claim names read from `env` as they are).
 * Refused, naming why, when `env` sets another AUTH_MODE.
 */
export async function developmentToken(
  options: DevelopmentTokenOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<string> {
  const unknown = options.roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new TokenArgumentsError(`unknown role: ${unknown.join(', ')}`);
  if (options.subject === undefined || options.roles.length === 0) {
    throw new TokenArgumentsError('--role and --sub are required');
  }
  if (options.roles.includes('candidate') && options.candidateId === undefined) {
    throw new CommandError('the candidate role needs --candidate UUID (the candidacy it may see)');
  }
  const mode = env.AUTH_MODE || 'development';
  if (mode !== 'development') {
    throw new CommandError(
      `AUTH_MODE=${mode} here: services in that mode refuse development tokens (only AUTH_MODE=development accepts them)`,
    );
  }
  const config = loadConfig(PlatformConfig, { ...env, AUTH_MODE: mode });
  try {
    return await signDevelopmentToken(
      {
        subject: options.subject,
        roles: options.roles.filter(isRole),
        candidateId: options.candidateId,
        ttl: options.ttl ?? '8h',
      },
      config,
    );
  } catch (error) {
    throw new CommandError(error instanceof Error ? error.message : String(error));
  }
}

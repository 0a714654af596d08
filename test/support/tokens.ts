import { loadConfig, PlatformConfig, signDevelopmentToken, type Role } from '@hirestream/platform';

const developmentConfig = loadConfig(PlatformConfig, { AUTH_MODE: 'development' });

/** A development bearer token header for a caller with these roles. */
export async function bearer(
  subject: string,
  roles: Role[],
  candidateId?: string,
): Promise<string> {
  const token = await signDevelopmentToken({ subject, roles, candidateId }, developmentConfig);
  return `Bearer ${token}`;
}

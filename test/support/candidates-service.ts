import { candidatesServiceOptions } from '../../apps/candidates/src/candidates.service-options';
import {
  createServiceApp,
  loadConfig,
  PlatformConfig,
  signDevelopmentToken,
  type Role,
} from '@hirestream/platform';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EmbeddedServers } from './embedded-servers';

/** The candidates service, built as `npm start` builds it, against the given servers. */
export function createCandidatesApp(servers: EmbeddedServers): Promise<NestFastifyApplication> {
  return createServiceApp({ ...candidatesServiceOptions, env: servers.env, shutdownHooks: false });
}

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

import { parseArgs } from 'node:util';
import {
  isRole,
  loadConfig,
  PlatformConfig,
  ROLES,
  signDevelopmentToken,
} from '@hirestream/platform';

// Prints a development bearer token, signed with the development key the
// services accept in AUTH_MODE=development (AUTH_DEV_SECRET, AUTH_ISSUER,
// AUTH_AUDIENCE, AUTH_DEV_TOKEN_MAX_TTL_SECONDS and the claim names are read
// from the environment as they are).
const usage = `Usage: npm run token -- --role ROLE [--role ROLE...] --sub ID [--candidate UUID] [--ttl 8h]
Roles: ${ROLES.join(', ')} (candidate goes alone, with --candidate)
--ttl: at most AUTH_DEV_TOKEN_MAX_TTL_SECONDS (default 24h)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: [] },
      sub: { type: 'string' },
      candidate: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const unknown = values.role.filter((role) => !isRole(role));
  if (values.sub === undefined || values.role.length === 0 || unknown.length > 0) {
    const reason =
      unknown.length > 0 ? `unknown role: ${unknown.join(', ')}` : '--role and --sub are required';
    throw new Error(`${reason}\n${usage}`);
  }
  if (values.role.includes('candidate') && values.candidate === undefined) {
    throw new Error('the candidate role needs --candidate UUID (the candidacy it may see)');
  }
  const mode = process.env.AUTH_MODE || 'development';
  if (mode !== 'development') {
    throw new Error(
      `AUTH_MODE=${mode} here: services in that mode refuse development tokens (only AUTH_MODE=development accepts them)`,
    );
  }
  const config = loadConfig(PlatformConfig, { ...process.env, AUTH_MODE: mode });
  const token = await signDevelopmentToken(
    {
      subject: values.sub,
      roles: values.role.filter(isRole),
      candidateId: values.candidate,
      ttl: values.ttl,
    },
    config,
  );
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

import { parseArgs } from 'node:util';
import {
  DEVELOPMENT_TOKEN_ROLES,
  developmentToken,
  TokenArgumentsError,
} from './development-token';

// Prints a development bearer token (see developmentToken).
const usage = `Usage: npm run token -- --role ROLE [--role ROLE...] --sub ID [--candidate UUID] [--ttl 8h]
${DEVELOPMENT_TOKEN_ROLES}
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
  try {
    console.log(
      await developmentToken({
        roles: values.role,
        subject: values.sub,
        candidateId: values.candidate,
        ttl: values.ttl,
      }),
    );
  } catch (error) {
    if (error instanceof TokenArgumentsError)
      throw new Error(`${error.message}\n${usage}`, { cause: error });
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

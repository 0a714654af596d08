import { join } from 'node:path';
import { SERVICES } from './services';

// The container image's entry point (`node dist/tools/run.js …`):
// `SERVICE` runs a service (ROLE=api|worker|all chooses what it runs),
// `migrate SERVICE` its read-model migrations, and the project's tools run
// by name with their own arguments.
const TOOLS = [
  'migrate',
  'projections',
  'token',
  'asyncapi',
  'healthcheck',
  'devstack',
  'hirestream',
] as const;
const usage = `Usage: hirestream SERVICE | TOOL [ARGUMENTS…]
  SERVICE: ${SERVICES.map((service) => service.name).join(', ')}
  TOOL:    migrate SERVICE, projections status|rebuild NAME, token --role ROLE --sub ID, asyncapi,
           hirestream audit|token|projections … (hirestream --help),
           healthcheck [PATH] (127.0.0.1:$PORT/health/ready), devstack [--screening-provider-port P…] (the embedded servers, for local use only)`;

const [command, ...rest] = process.argv.slice(2);
const service = SERVICES.find((candidate) => candidate.name === command);
const tool = TOOLS.find((candidate) => candidate === command);
const entry =
  service !== undefined
    ? join(__dirname, '..', service.entry.replace(/\.ts$/, ''))
    : tool !== undefined
      ? join(__dirname, tool)
      : undefined;
if (entry === undefined) {
  if (command === '--help' || command === undefined) console.log(usage);
  else console.error(`unknown service or tool "${command}"\n${usage}`);
  process.exit(command === '--help' ? 0 : 1);
}
// The tool or service reads its own arguments from process.argv, as when run directly.
process.argv.splice(2, process.argv.length - 2, ...rest);
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(entry);

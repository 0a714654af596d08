import { parseArgs } from 'node:util';
import { CommandError } from './command-error';
import { projectionsStatus, rebuildProjection } from './projections-command';

// Shows the state of every projection in the database and rebuilds one without
// downtime. It knows no projection's code: a rebuild is asked for in the
// database, and the service running the projection builds it (see projections-command.ts).
const usage = `Usage: npm run projections -- status
       npm run projections -- rebuild NAME
NAME is a projection (candidate-list), or SERVICE/NAME when services share the name.
Reads DATABASE_URL and EVENTSTORE_CONNECTION_STRING (defaults: what npm start runs).`;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<number> {
  let commandLine;
  try {
    commandLine = parseArgs({
      allowPositionals: true,
      options: { help: { type: 'boolean', default: false } },
    });
  } catch (error) {
    throw new CommandError(`${reasonOf(error)}\n${usage}`);
  }
  const { positionals, values } = commandLine;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === 'status' && rest.length === 0) return projectionsStatus({ json: false });
  if (command === 'rebuild' && rest.length === 1)
    return rebuildProjection(rest[0], { json: false });
  const problem =
    command === 'status'
      ? 'status takes no arguments'
      : command === 'rebuild'
        ? 'rebuild takes one projection NAME'
        : command === undefined
          ? 'a command is needed'
          : `unknown command: ${command}`;
  throw new CommandError(`${problem}\n${usage}`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof CommandError
        ? error.message
        : `projections failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  },
);

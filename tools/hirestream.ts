import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CommandError } from './command-error';
import {
  DEVELOPMENT_TOKEN_ROLES,
  developmentToken,
  TokenArgumentsError,
} from './development-token';
import { AuditClient, DEFAULT_AUDIT_URL, RefusedArgumentsError } from './hirestream/audit-client';
import { exportBundles } from './hirestream/audit-export';
import { diff, replay, timeline } from './hirestream/audit-history';
import { verifyEveryStream, verifyStreams } from './hirestream/audit-verify';
import { verifyBundleFile } from './hirestream/bundle-verification';
import { ChainAnchors } from './hirestream/chain-anchors';
import { printJson } from './hirestream/command-output';
import { projectionsStatus, rebuildProjection } from './projections-command';

// The `hirestream` command (bin/hirestream.js runs it): the audit service's
// replay, diff, timeline and exports, chain verification straight against
// EventStoreDB, offline bundle verification, development tokens and projections.
// Exit codes: 0 done, 1 failed (a chain break, a bundle that does not verify, a
// service unreachable…), 2 bad arguments.

const BAD_ARGUMENTS = 2;
const CANDIDATE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function candidateId(value: string): string {
  if (!CANDIDATE_ID.test(value)) {
    throw new InvalidArgumentError(`a candidate id is a lower-case UUID, got "${value}"`);
  }
  return value;
}

/** A point of a stream: a revision (digits) or a UTC instant (2025-03-01T12:00:00Z). */
function point(value: string): string {
  if (/^\d{1,18}$/.test(value)) return value;
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value) && !Number.isNaN(Date.parse(value))) return value;
  throw new InvalidArgumentError(
    `a point is a revision (digits) or a UTC instant such as 2025-03-01T12:00:00Z, got "${value}"`,
  );
}

function revision(value: string): string {
  if (!/^\d{1,18}$/.test(value))
    throw new InvalidArgumentError(`a revision is digits, got "${value}"`);
  return value;
}

function instant(value: string): string {
  if (/^\d{1,18}$/.test(value)) {
    throw new InvalidArgumentError(`--at takes an instant; for a revision use --revision ${value}`);
  }
  return point(value);
}

function serviceUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`an http(s) URL, got "${value}"`);
  }
  return value;
}

type Globals = Readonly<{ json?: boolean }>;
type AuditOptions = Readonly<{ url: string; token?: string }>;

/** Adds the audit service's --url and --token to `command`. */
function reachingAudit(command: Command): Command {
  return command
    .addOption(
      new Option('--url <url>', 'the audit service')
        .env('AUDIT_URL')
        .default(DEFAULT_AUDIT_URL)
        .argParser(serviceUrl),
    )
    .addOption(
      new Option(
        '--token <token>',
        'bearer token with the auditor or admin role (default: a development token, role auditor, as AUTH_MODE=development services accept)',
      ).env('HIRESTREAM_TOKEN'),
    );
}

function json(command: Command): boolean {
  return (command.optsWithGlobals() as Globals).json === true;
}

function connect(command: Command): Promise<AuditClient> {
  const { url, token } = command.opts<AuditOptions>();
  return AuditClient.connect({ url, token });
}

let exitCode = 0;
const done = (code: number) => {
  exitCode = code;
};

const program = new Command('hirestream')
  .description('hirestream from the command line: audit, development tokens, projections')
  .option('--json', 'print the result as one JSON document on stdout')
  .exitOverride()
  .showHelpAfterError('(add --help for usage)');

const audit = program
  .command('audit')
  .description("a candidacy's history as auditors see it, and the hash chains' verification");

reachingAudit(
  audit
    .command('replay')
    .description("every service's state of the candidacy at a point (its end when none is named)")
    .addArgument(new Argument('<candidate-id>').argParser(candidateId))
    .addOption(
      new Option('--at <instant>', 'as it was at this UTC instant')
        .argParser(instant)
        .conflicts('revision'),
    )
    .addOption(
      new Option('--revision <n>', 'as it was at this revision of its stream').argParser(revision),
    ),
).action(async (id: string, options: { at?: string; revision?: string }, command: Command) => {
  done(await replay(await connect(command), id, options, json(command)));
});

reachingAudit(
  audit
    .command('diff')
    .description("what changed in every service's state between two points, and the events between")
    .addArgument(new Argument('<candidate-id>').argParser(candidateId))
    .addOption(
      new Option('--from <point>', 'a revision or a UTC instant')
        .argParser(point)
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--to <point>', 'a revision or a UTC instant')
        .argParser(point)
        .makeOptionMandatory(),
    ),
).action(async (id: string, { from, to }: { from: string; to: string }, command: Command) => {
  done(await diff(await connect(command), id, from, to, json(command)));
});

reachingAudit(
  audit
    .command('timeline')
    .description('who did what to the candidacy, when, in which role and why')
    .addArgument(new Argument('<candidate-id>').argParser(candidateId)),
).action(async (id: string, _: unknown, command: Command) => {
  done(await timeline(await connect(command), id, json(command)));
});

reachingAudit(
  audit
    .command('verify')
    .description(
      "streams' hash chains, read straight from EventStoreDB (EVENTSTORE_CONNECTION_STRING), against their anchored heads when the audit service answers; exit 1 on a break",
    )
    .argument('[stream...]', 'stream names (candidate-<id>, …)')
    .option('--all', 'every stream, in one walk of $all')
    .option('--no-anchors', 'do not ask the audit service for anchored heads')
    .option(
      '--trusted-key <key-id...>',
      "the anchor signing key ids to accept (default: the audit service's, GET /anchors/public-key)",
    ),
).action(
  async (
    streams: string[],
    options: { all?: boolean; anchors: boolean; trustedKey?: string[] },
    command: Command,
  ) => {
    if ((options.all === true) === streams.length > 0) {
      command.error('name the streams to verify, or --all (not both)', { exitCode: BAD_ARGUMENTS });
    }
    let anchors: ChainAnchors;
    if (!options.anchors) anchors = ChainAnchors.skipped();
    else {
      try {
        anchors = ChainAnchors.from(await connect(command), options.trustedKey);
      } catch (error) {
        if (!(error instanceof CommandError)) throw error;
        anchors = ChainAnchors.unavailable(`not checked: ${error.message}`);
      }
    }
    done(
      options.all === true
        ? await verifyEveryStream(anchors, json(command))
        : await verifyStreams(streams, anchors, json(command)),
    );
  },
);

reachingAudit(
  audit
    .command('export')
    .description(
      "download candidacies' signed export bundles (GET /candidates/:id/export), one a candidacy",
    )
    .addArgument(
      new Argument('<candidate-id...>').argParser(
        (value: string, previous: string[] | undefined) => [
          ...(previous ?? []),
          candidateId(value),
        ],
      ),
    )
    .option(
      '-o, --output <path>',
      "the file (one id) or the directory (several ids) to write; default: the service's file name, here",
    ),
).action(async (ids: string[], { output }: { output?: string }, command: Command) => {
  done(await exportBundles(await connect(command), ids, { output }, json(command)));
});

audit
  .command('verify-bundle')
  .description(
    'an export bundle verified offline, with no service: signature, hashes, chain, anchor; prints the state at the end; exit 1 when it fails',
  )
  .argument('<file>')
  .option(
    '--trusted-key <key-id...>',
    "the signing key ids to accept (the audit service's GET /anchors/public-key)",
  )
  .action((file: string, { trustedKey }: { trustedKey?: string[] }, command: Command) => {
    done(verifyBundleFile(file, trustedKey, json(command)));
  });

program
  .command('token')
  .description('a development bearer token, as services in AUTH_MODE=development accept')
  .addOption(
    new Option('--role <role>', `repeatable. ${DEVELOPMENT_TOKEN_ROLES}`)
      .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
      .makeOptionMandatory(),
  )
  .requiredOption('--sub <id>', 'the subject')
  .option('--candidate <uuid>', 'the candidacy a candidate token may see')
  .option('--ttl <duration>', 'lifetime, at most AUTH_DEV_TOKEN_MAX_TTL_SECONDS', '8h')
  .action(
    async (
      options: { role: string[]; sub: string; candidate?: string; ttl: string },
      command: Command,
    ) => {
      const token = await developmentToken({
        roles: options.role,
        subject: options.sub,
        candidateId: options.candidate,
        ttl: options.ttl,
      });
      if (json(command)) printJson({ token });
      else console.log(token);
    },
  );

const projections = program
  .command('projections')
  .description('read-model projections (DATABASE_URL, EVENTSTORE_CONNECTION_STRING)');
projections
  .command('status')
  .description("every projection's version, generation, status, checkpoint and lag")
  .action(async (_: unknown, command: Command) => {
    done(await projectionsStatus({ json: json(command) }));
  });
projections
  .command('rebuild')
  .description('rebuild one from the start beside the serving one, and follow it until it is live')
  .argument('<name>', 'a projection (candidate-list), or SERVICE/NAME')
  .action(async (name: string, _: unknown, command: Command) => {
    done(await rebuildProjection(name, { json: json(command) }));
  });

async function main(): Promise<number> {
  try {
    await program.parseAsync(process.argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : BAD_ARGUMENTS;
    if (error instanceof TokenArgumentsError || error instanceof RefusedArgumentsError) {
      console.error(`${error.message}\n(add --help for usage)`);
      return BAD_ARGUMENTS;
    }
    if (error instanceof CommandError) {
      console.error(error.message);
      return 1;
    }
    console.error(
      `hirestream failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}

void main().then((code) => process.exit(code));

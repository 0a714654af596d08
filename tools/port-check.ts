import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

export interface PlannedPort {
  /** The flag that chooses it, e.g. `--kafka-port`. */
  readonly flag: string;
  readonly port: number;
  readonly host: string;
}

/** Why listening on the port fails (`EADDRINUSE`, `EACCES`…), or undefined when it can be used. */
function listenFailure(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}

/** Inodes of the sockets listening on `port`, from the kernel's tables (Linux). */
function listeningSocketInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').trim().split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      // sl local_address rem_address st … inode: "0100007F:0841 00000000:0000 0A …"; 0A is LISTEN.
      const fields = line.trim().split(/\s+/);
      const localPort = Number.parseInt(fields[1]?.split(':')[1] ?? '', 16);
      if (localPort === port && fields[3] === '0A' && fields[9] !== undefined)
        inodes.add(fields[9]);
    }
  }
  return inodes;
}

function commandLineOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/**
 * What listens on `port`: "pid N: command line" where the platform tells
 * (Linux, a process of this user), "a process of another user", or undefined.
 */
export function describePortHolder(port: number): string | undefined {
  const inodes = listeningSocketInodes(port);
  if (inodes.size === 0) return undefined;
  const sockets = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let descriptors: string[];
    try {
      descriptors = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const descriptor of descriptors) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${descriptor}`);
      } catch {
        continue;
      }
      if (sockets.has(target)) return `pid ${pid}: ${commandLineOf(pid)}`;
    }
  }
  return 'a process of another user';
}

/**
 * One line per planned port that cannot be used: given to two flags, held by
 * another process (named where the platform tells), or refused.
 */
export async function portProblems(planned: readonly PlannedPort[]): Promise<string[]> {
  const problems: string[] = [];
  const flagsByPort = new Map<number, string>();
  for (const { flag, port, host } of planned) {
    const earlier = flagsByPort.get(port);
    if (earlier !== undefined) {
      problems.push(`port ${port} is given to both ${earlier} and ${flag}`);
      continue;
    }
    flagsByPort.set(port, flag);
    const failure = await listenFailure(port, host);
    if (failure === undefined) continue;
    if (failure !== 'EADDRINUSE') {
      problems.push(`port ${port} (${flag}) cannot be used on ${host}: ${failure}`);
      continue;
    }
    const holder = describePortHolder(port);
    problems.push(`port ${port} (${flag}) is in use${holder === undefined ? '' : ` by ${holder}`}`);
  }
  return problems;
}

import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, parse } from 'node:path';

/** The OS user PostgreSQL runs as when the host process is root (PostgreSQL refuses root). */
export interface ServerOsUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/**
 * Undefined when this process is not root: PostgreSQL then runs as this process's user. As root,
 * the named user, created (a system user with its own group) where it is missing and `useradd`
 * exists.
 */
export function serverOsUser(name: string): ServerOsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookUpUser(name);
  if (existing !== undefined) return existing;
  createSystemUser(name);
  const created = lookUpUser(name);
  if (created === undefined) throw new Error(`created the OS user "${name}" but cannot find it`);
  return created;
}

function lookUpUser(name: string): ServerOsUser | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const USERADD_GROUP_EXISTS = 9;

function createSystemUser(name: string): void {
  const withOwnGroup = spawnSync('useradd', ['--system', '--no-create-home', '--user-group', name]);
  const result =
    withOwnGroup.status === USERADD_GROUP_EXISTS
      ? spawnSync('useradd', ['--system', '--no-create-home', '--gid', name, name])
      : withOwnGroup;
  if (result.status !== 0)
    throw new Error(
      `PostgreSQL refuses to run as root and there is no OS user "${name}" to run it as, nor could ` +
        `one be created (useradd: ${result.error?.message ?? String(result.stderr).trim()}); ` +
        `create it (useradd --system ${name}) or run as a user other than root`,
    );
}

/** A folder above `path` that `user` may not search (x), so cannot pass through to reach it. */
export interface UnreachableFolder {
  readonly folder: string;
  readonly mode: number;
}

/** The nearest folder above `path` that `user` cannot pass, or undefined when it can reach `path`. */
export function unreachableFolder(user: ServerOsUser, path: string): UnreachableFolder | undefined {
  const root = parse(path).root;
  for (let folder = dirname(path); ; folder = dirname(folder)) {
    const { uid, gid, mode } = statSync(folder);
    const searchBit = uid === user.uid ? 0o100 : gid === user.gid ? 0o010 : 0o001;
    if ((mode & searchBit) === 0) return { folder, mode: mode & 0o777 };
    if (folder === root) return undefined;
  }
}

/**
 * Throws, naming the folder and the ways out, when `user` cannot reach the existing data folder
 * `dataDir`, which PostgreSQL would otherwise report later as a bare "Permission denied".
 */
export function assertDataFolderReachable(user: ServerOsUser, dataDir: string): void {
  const blocked = unreachableFolder(user, dataDir);
  if (blocked !== undefined)
    throw new Error(
      `PostgreSQL runs as the OS user "${user.name}" (this process is root), which cannot reach ` +
        `the data folder ${dataDir}: ${blocked.folder} (mode ${blocked.mode.toString(8)}) is not ` +
        `searchable by it; allow it (chmod o+x ${blocked.folder}), or move ${dataDir} away to ` +
        'start with an empty database, which is then kept where that user can reach it',
    );
}

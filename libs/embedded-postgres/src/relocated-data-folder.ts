import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { assertNoForeignFiles } from './data-folder';
import { postmasterRunning } from './postmaster-lock';
import { RELOCATED_DATA, RELOCATION_HOME_NAME, relocationHome } from './relocation-home';
import { unreachableFolder, type ServerOsUser } from './server-os-user';

/** In a data folder whose files are kept elsewhere: the path of the folder that holds them. */
export const REAL_DATA_FOLDER_FILE = 'real-data-folder';
/** In each relocated folder: the data folder it holds the files of. */
const ORIGIN_FILE = 'origin';
const RELOCATED_NAME = /^[0-9a-f]{16}$/;

/**
 * The folder that holds PostgreSQL's files for `dataDir`: `dataDir` itself, or the folder its
 * `real-data-folder` file names (see `locateDataFolder`).
 */
export function postgresDataFolder(dataDir: string): string {
  const folder = resolve(dataDir);
  return readRealDataFolder(folder) ?? folder;
}

export interface DataFolderPlacement {
  /** The absolute data folder the caller named. */
  readonly dataDir: string;
  readonly osUser: ServerOsUser | undefined;
  readonly log: (line: string) => void;
}

/**
 * Where PostgreSQL keeps the files of `dataDir`. That is `dataDir` itself, except where this
 * process is root and the server's OS user cannot reach `dataDir` (a clone in `/root`, a
 * `mkdtemp` folder): then a new folder in the relocation home holds them, and `dataDir` only a
 * `real-data-folder` file naming it, so later starts find the same data. Folders above `dataDir`
 * stay as they are.
 */
export async function locateDataFolder(placement: DataFolderPlacement): Promise<string> {
  const { dataDir, osUser } = placement;
  const recorded = readRealDataFolder(dataDir);
  if (osUser === undefined) {
    if (recorded !== undefined)
      throw new Error(
        `the PostgreSQL data of ${dataDir} was made by a root process and is kept in ${recorded}, ` +
          `which belongs to another OS user: run as root, or remove ${dataDir} to start with an empty database`,
      );
    return dataDir;
  }
  if (recorded !== undefined) return reuseRelocated(placement, osUser, recorded);
  if (existsSync(join(dataDir, 'PG_VERSION'))) return dataDir;
  const blocked = unreachableFolder(osUser, dataDir);
  if (blocked === undefined) return dataDir;
  await assertNoForeignFiles(dataDir);
  return relocate(
    placement,
    osUser,
    (pgdata) =>
      `PostgreSQL runs as the OS user "${osUser.name}" (this process is root), which cannot enter ` +
      `${blocked.folder}: the data of ${dataDir} is kept in ${pgdata}, as ` +
      `${join(dataDir, REAL_DATA_FOLDER_FILE)} says`,
  );
}

async function reuseRelocated(
  placement: DataFolderPlacement,
  osUser: ServerOsUser,
  recorded: string,
): Promise<string> {
  const { dataDir, log } = placement;
  const folder = dirname(recorded);
  if (!isRelocatedDataFolder(recorded))
    throw new Error(
      `${join(dataDir, REAL_DATA_FOLDER_FILE)} names ${recorded}, which is not a folder this ` +
        `library keeps data in; remove ${dataDir} to start with an empty database`,
    );
  const origin = await readOrigin(folder);
  if (origin === undefined)
    return relocate(
      placement,
      osUser,
      (pgdata) =>
        `the PostgreSQL data of ${dataDir} was kept in ${recorded}, which is gone: ` +
        `starting with an empty database in ${pgdata}`,
    );
  const self = await realpath(dataDir);
  if (origin === self) return recorded;
  if (readRealDataFolder(origin) === recorded)
    return relocate(
      placement,
      osUser,
      (pgdata) =>
        `${dataDir} is a copy of ${origin}, whose PostgreSQL data stays in ${recorded}: ` +
        `starting with an empty database in ${pgdata}`,
    );
  await writeFileAtomically(join(folder, ORIGIN_FILE), `${self}\n`);
  log(`the PostgreSQL data in ${recorded} moved with its data folder from ${origin} to ${dataDir}`);
  return recorded;
}

/** A new, empty relocated folder for `dataDir`, recorded in `dataDir`; says so in one line. */
async function relocate(
  { dataDir, log }: DataFolderPlacement,
  osUser: ServerOsUser,
  notice: (pgdata: string) => string,
): Promise<string> {
  const relocated = join(await relocationHome(osUser), RELOCATED_DATA);
  await removeAbandoned(relocated);
  const folder = join(relocated, randomBytes(8).toString('hex'));
  const pgdata = join(folder, 'pgdata');
  // The record comes first: a folder is abandoned once no data folder names it.
  await mkdir(dataDir, { recursive: true });
  await writeFileAtomically(join(dataDir, REAL_DATA_FOLDER_FILE), `${pgdata}\n`);
  await mkdir(folder);
  await chmod(folder, 0o755);
  await writeFileAtomically(join(folder, ORIGIN_FILE), `${await realpath(dataDir)}\n`);
  log(notice(pgdata));
  return pgdata;
}

/**
 * Removes the relocated folders whose data folder no longer names them (it was removed, or
 * started afresh) and that no server runs on: removing a data folder discards its data, as it
 * would where the data is kept in place.
 */
async function removeAbandoned(relocated: string): Promise<void> {
  for (const name of await readdir(relocated)) {
    if (!RELOCATED_NAME.test(name)) continue;
    const folder = join(relocated, name);
    if (await isAbandoned(folder)) await rm(folder, { recursive: true, force: true });
  }
}

/** In doubt (no origin yet, an origin that cannot be read), a folder is kept. */
async function isAbandoned(folder: string): Promise<boolean> {
  const pgdata = join(folder, 'pgdata');
  try {
    const origin = await readOrigin(folder);
    return (
      origin !== undefined && readRealDataFolder(origin) !== pgdata && !postmasterRunning(pgdata)
    );
  } catch {
    return false;
  }
}

function isRelocatedDataFolder(path: string): boolean {
  const folder = dirname(path);
  const relocated = dirname(folder);
  return (
    basename(path) === 'pgdata' &&
    RELOCATED_NAME.test(basename(folder)) &&
    basename(relocated) === RELOCATED_DATA &&
    basename(dirname(relocated)) === RELOCATION_HOME_NAME
  );
}

function readRealDataFolder(dataDir: string): string | undefined {
  try {
    return readFileSync(join(dataDir, REAL_DATA_FOLDER_FILE), 'utf8').trim();
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function readOrigin(folder: string): Promise<string | undefined> {
  try {
    return (await readFile(join(folder, ORIGIN_FILE), 'utf8')).trim();
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Never half-written: a crash leaves the old content or the new. */
async function writeFileAtomically(file: string, content: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, content);
  await rename(partial, file);
}

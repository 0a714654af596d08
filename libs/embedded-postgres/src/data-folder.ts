import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  lchown,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PostgresBinaries } from './postgres-binaries';
import { assertDataFolderReachable, type ServerOsUser } from './server-os-user';

export interface DataFolderSetup {
  readonly dataDir: string;
  readonly binaries: PostgresBinaries;
  readonly osUser: ServerOsUser | undefined;
  readonly superuser: string;
  readonly password: string;
}

/**
 * Makes `dataDir` a PostgreSQL data folder these binaries can open. A new one is built by initdb
 * in a sibling folder and renamed into place, so an interrupted first start leaves no
 * half-initialised folder behind.
 */
export async function prepareDataFolder(setup: DataFolderSetup): Promise<void> {
  const { dataDir, binaries, osUser } = setup;
  const versionFile = join(dataDir, 'PG_VERSION');
  if (existsSync(versionFile)) {
    const dataVersion = Number.parseInt(await readFile(versionFile, 'utf8'), 10);
    if (dataVersion !== binaries.majorVersion)
      throw new Error(
        `${dataDir} holds PostgreSQL ${dataVersion} data, and these binaries are PostgreSQL ` +
          `${binaries.majorVersion}: dump it with PostgreSQL ${dataVersion} and restore it, ` +
          'or remove the folder to start with an empty database',
      );
    if (osUser !== undefined) {
      assertDataFolderReachable(osUser, dataDir);
      if ((await stat(dataDir)).uid !== osUser.uid) await chownTree(dataDir, osUser);
    }
    return;
  }
  await assertNoForeignFiles(dataDir);
  await initialise(setup);
}

/** Refuses a folder that holds something, PostgreSQL data aside: it is someone else's. */
export async function assertNoForeignFiles(dataDir: string): Promise<void> {
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0)
    throw new Error(
      `${dataDir} is not empty and is not a PostgreSQL data folder (it has no PG_VERSION); ` +
        'choose a missing or empty folder',
    );
}

async function initialise({ dataDir, binaries, osUser, superuser, password }: DataFolderSetup) {
  const workDir = `${dataDir}.initialising`;
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true, mode: 0o700 });
  const passwordFile = join(workDir, 'password');
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  if (osUser !== undefined) await chownTree(workDir, osUser);
  const pgdata = join(workDir, 'pgdata');
  try {
    await promisify(execFile)(
      binaries.initdb,
      [
        `--pgdata=${pgdata}`,
        `--username=${superuser}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // Byte-order collation with Unicode-aware upper/lower, the same on every machine,
        // independent of the locales the OS has installed.
        '--locale=C',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--no-instructions',
      ],
      { cwd: workDir, uid: osUser?.uid, gid: osUser?.gid, env: { ...process.env, LC_ALL: 'C' } },
    );
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`initdb could not create the data folder ${dataDir}: ${stderr || message}`, {
      cause: error,
    });
  }
  if (existsSync(dataDir)) await rmdir(dataDir);
  await rename(pgdata, dataDir);
  await rm(workDir, { recursive: true, force: true });
}

async function chownTree(path: string, user: ServerOsUser): Promise<void> {
  await lchown(path, user.uid, user.gid);
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) await chownTree(child, user);
    else await lchown(child, user.uid, user.gid);
  }
}

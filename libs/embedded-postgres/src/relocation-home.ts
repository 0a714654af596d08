import { chmod, lstat, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unreachableFolder, type ServerOsUser } from './server-os-user';

/** The name of every relocation home: a pointer to a relocated folder must lie in one. */
export const RELOCATION_HOME_NAME = 'hirestream-postgres';

/**
 * Where a root process keeps what the server's OS user must reach and cannot reach where it is:
 * data folders (`data/`) and a copy of the binaries (`binaries/`). The first that works of
 * `/var/lib/hirestream-postgres` and, where `/var/lib` is missing or read-only, the OS temp
 * folder's `hirestream-postgres`.
 */
export function relocationHomes(): readonly string[] {
  return [join('/var/lib', RELOCATION_HOME_NAME), join(tmpdir(), RELOCATION_HOME_NAME)];
}

export const RELOCATED_DATA = 'data';
export const RELOCATED_BINARIES = 'binaries';

/**
 * The first relocation home this process can write and `user` can reach, with its `data/` and
 * `binaries/` folders. Each is root's, mode 0755: only root writes there, and a folder someone
 * else made under that name (in a shared temp folder, say) is not used.
 */
export async function relocationHome(user: ServerOsUser): Promise<string> {
  const problems: string[] = [];
  for (const home of relocationHomes()) {
    try {
      for (const folder of [home, join(home, RELOCATED_DATA), join(home, RELOCATED_BINARIES)])
        await makeRootFolder(folder);
      const blocked = unreachableFolder(user, join(home, RELOCATED_DATA));
      if (blocked === undefined) return home;
      problems.push(`${home}: ${blocked.folder} (mode ${blocked.mode.toString(8)}) is in the way`);
    } catch (error) {
      problems.push(`${home}: ${(error as Error).message}`);
    }
  }
  throw new Error(
    `PostgreSQL runs as the OS user "${user.name}" (this process is root), and there is no ` +
      `folder this process may write and that user can reach to keep its files in (${problems.join('; ')}); ` +
      `run as a user other than root, or make one of these folders root's, mode 0755`,
  );
}

/** Creates `folder` (its parent must exist) or checks it is a real folder of root's; mode 0755 either way. */
async function makeRootFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stats = await lstat(folder);
  if (!stats.isDirectory() || stats.uid !== 0)
    throw new Error(`${folder} is not a folder of root's`);
  // Also where a umask made it 0700, and a write test: a read-only file system refuses it.
  await chmod(folder, 0o755);
}

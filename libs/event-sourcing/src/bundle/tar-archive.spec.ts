import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MalformedArchiveError, tarArchive, tarFiles } from './tar-archive';

const files = [
  { name: 'manifest.json', bytes: Buffer.from('{"a":1}\n') },
  { name: 'empty.txt', bytes: Buffer.alloc(0) },
  { name: 'block.bin', bytes: Buffer.alloc(512, 7) },
];
const at = new Date('2024-05-06T09:00:00Z');

describe('tar archives of a bundle', () => {
  it('reads back what it wrote, and tar reads it too', () => {
    const archive = tarArchive(files, at);
    expect(archive.length % 512).toBe(0);
    expect(tarFiles(archive)).toEqual(
      files.map(({ name, bytes }) => ({ name, bytes: new Uint8Array(bytes) })),
    );
    const folder = mkdtempSync(join(tmpdir(), 'tar-archive-'));
    try {
      writeFileSync(join(folder, 'bundle.tar'), archive);
      const listed = execFileSync('tar', ['-tvf', 'bundle.tar'], { cwd: folder, encoding: 'utf8' });
      expect(listed).toContain('manifest.json');
      execFileSync('tar', ['-xf', 'bundle.tar'], { cwd: folder });
      expect(readFileSync(join(folder, 'manifest.json'), 'utf8')).toBe('{"a":1}\n');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses names a bundle does not have', () => {
    for (const name of ['../escape', 'folder/file', '', 'x'.repeat(101)]) {
      expect(() => tarArchive([{ name, bytes: Buffer.alloc(1) }], at)).toThrow(name);
    }
    expect(() => tarArchive([files[0], files[0]], at)).toThrow('manifest.json');
  });

  it('names what is wrong with bytes that are not such an archive, and never reads past them', () => {
    const archive = tarArchive(files, at);
    const cases: Array<[Uint8Array, string]> = [
      [archive.subarray(0, 2100), 'cut short'],
      [archive.subarray(0, archive.length - 1024), 'end blocks'],
      [Buffer.concat([archive, Buffer.alloc(512)]), 'besides its files'],
      [Buffer.from('not a tar at all'.padEnd(2048, ' ')), 'ustar'],
    ];
    const badChecksum = Buffer.from(archive);
    badChecksum[0] ^= 1;
    cases.push([badChecksum, 'checksum']);
    const badPadding = Buffer.from(archive);
    badPadding[512 + 10] = 1;
    cases.push([badPadding, 'besides its files']);
    for (const [bytes, reason] of cases) {
      expect(() => tarFiles(bytes)).toThrow(MalformedArchiveError);
      expect(() => tarFiles(bytes)).toThrow(reason);
    }
  });
});

import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeTempDir } from '../../../../test/support/temp-dir';
import { LocalKeyEncryptionKey } from './local-key-encryption-key';

describe('the local key-encryption key', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await makeTempDir('kek');
  });
  afterEach(() => removeTempDir(folder));

  it('is generated once into the data folder, readable by its owner only, and read back the next time', async () => {
    const path = join(folder, 'personal-data', 'key-encryption-key');
    const first = await LocalKeyEncryptionKey.fromFile(path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(folder, 'personal-data'))).mode & 0o777).toBe(0o700);
    expect(Buffer.from((await readFile(path, 'utf8')).trim(), 'base64')).toHaveLength(32);
    const again = await LocalKeyEncryptionKey.fromFile(path);
    expect(again.id).toBe(first.id);
    const wrapped = await first.wrap(randomBytes(32), 'candidate:c-1');
    await expect(again.unwrap(wrapped, 'candidate:c-1', first.id)).resolves.toHaveLength(32);
  });

  it('is the same key for processes starting at once', async () => {
    const path = join(folder, 'kek');
    const keys = await Promise.all(
      Array.from({ length: 8 }, () => LocalKeyEncryptionKey.fromFile(path)),
    );
    expect(new Set(keys.map((key) => key.id)).size).toBe(1);
  });

  it('refuses a file that does not hold a 32-byte base64 key, saying what it must hold', async () => {
    const path = join(folder, 'kek');
    await writeFile(path, 'not a key\n');
    await expect(LocalKeyEncryptionKey.fromFile(path)).rejects.toThrow(
      `${path} must hold a 32-byte key in base64 on one line (openssl rand -base64 32)`,
    );
  });

  it('unwraps a data key only for the key id it was wrapped for, and only with itself', async () => {
    const kek = new LocalKeyEncryptionKey(randomBytes(32));
    const dataKey = randomBytes(32);
    const wrapped = await kek.wrap(dataKey, 'candidate:c-1');
    expect(await kek.unwrap(wrapped, 'candidate:c-1', kek.id)).toEqual(dataKey);
    await expect(kek.unwrap(wrapped, 'candidate:c-2', kek.id)).rejects.toThrow(
      'data key candidate:c-2 does not unwrap',
    );
    const other = new LocalKeyEncryptionKey(randomBytes(32));
    await expect(other.unwrap(wrapped, 'candidate:c-1', kek.id)).rejects.toThrow(
      `is wrapped by key-encryption key ${kek.id}, not by this one (${other.id})`,
    );
  });
});

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyEncryptionKey } from './key-encryption-key';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function associatedData(keyId: string): Buffer {
  return Buffer.from(JSON.stringify(['hirestream-data-key', 'v1', keyId]), 'utf8');
}

function isErrorCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

/**
 * A key-encryption key held in a local file (the embedded default, and where no
 * KMS is used): 32 random bytes in base64 on one line, as `openssl rand -base64 32`
 * writes them. Data keys are wrapped with AES-256-GCM, bound to their key id.
 */
export class LocalKeyEncryptionKey implements KeyEncryptionKey {
  readonly id: string;
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) {
      throw new Error(`a key-encryption key is ${KEY_BYTES} bytes, not ${key.length}`);
    }
    this.key = Buffer.from(key);
    // Names the key without revealing it, so a wrapped key says which key wraps it.
    this.id = `local:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  }

  /**
   * The key in `path`, generated there first when the file does not exist (mode
   * 0600, its folder 0700). Processes starting at once agree on one key: the file
   * appears whole, by a hard link, or not at all. With `create: false` a missing
   * file is an error instead (production: a new key would not read what is stored).
   */
  static async fromFile(
    path: string,
    { create }: Readonly<{ create: boolean }> = { create: true },
  ): Promise<LocalKeyEncryptionKey> {
    try {
      return LocalKeyEncryptionKey.parse(path, await readFile(path, 'utf8'));
    } catch (error) {
      if (!isErrorCode(error, 'ENOENT')) throw error;
      if (!create) {
        throw new Error(`the key-encryption key file ${path} does not exist`, { cause: error });
      }
    }
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(draft, `${randomBytes(KEY_BYTES).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    try {
      await link(draft, path);
    } catch (error) {
      if (!isErrorCode(error, 'EEXIST')) throw error;
    } finally {
      await unlink(draft);
    }
    return LocalKeyEncryptionKey.parse(path, await readFile(path, 'utf8'));
  }

  private static parse(path: string, text: string): LocalKeyEncryptionKey {
    const encoded = text.trim();
    const key = Buffer.from(encoded, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length !== KEY_BYTES) {
      throw new Error(
        `${path} must hold a ${KEY_BYTES}-byte key in base64 on one line (openssl rand -base64 ${KEY_BYTES})`,
      );
    }
    return new LocalKeyEncryptionKey(key);
  }

  async wrap(dataKey: Buffer, keyId: string): Promise<Buffer> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(keyId));
    const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
  }

  async unwrap(wrapped: Buffer, keyId: string, kekId: string): Promise<Buffer> {
    if (kekId !== this.id) {
      throw new Error(
        `data key ${keyId} is wrapped by key-encryption key ${kekId}, not by this one (${this.id})`,
      );
    }
    try {
      const iv = wrapped.subarray(0, IV_BYTES);
      const tag = wrapped.subarray(wrapped.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(associatedData(keyId));
      decipher.setAuthTag(tag);
      return Buffer.concat([
        decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new Error(`data key ${keyId} does not unwrap: altered, or stored for another key id`);
    }
  }
}

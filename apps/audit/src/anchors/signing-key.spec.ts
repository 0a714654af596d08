import { loadConfig } from '@hirestream/platform';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditConfig } from '../audit.config';
import { signingKeyOf } from './signing-key';

let folder: string;
beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'hirestream-signing-key-'))));
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const configOf = (env: Record<string, string>) =>
  loadConfig(AuditConfig, { AUTH_MODE: 'development', AUDIT_DATA_DIR: folder, ...env });

describe('the signing key', () => {
  it('is generated once into the data folder, readable by its owner only, and reused', () => {
    const first = signingKeyOf(configOf({}));
    const again = signingKeyOf(configOf({}));
    expect(again.publicKey).toEqual(first.publicKey);
    expect(statSync(join(folder, 'signing-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('comes from AUDIT_SIGNING_KEY_FILE when set; anything but an Ed25519 PEM stops the start naming it', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(join(folder, 'key.pem'), pem);
    const file = join(folder, 'key.pem');
    expect(signingKeyOf(configOf({ AUDIT_SIGNING_KEY_FILE: file })).publicKey.publicKey).toContain(
      'BEGIN PUBLIC KEY',
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    writeFileSync(file, rsa.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => signingKeyOf(configOf({ AUDIT_SIGNING_KEY_FILE: file }))).toThrow(
      `AUDIT_SIGNING_KEY_FILE ${file} holds a rsa key, not an Ed25519 key`,
    );
    writeFileSync(file, 'not a key');
    expect(() => signingKeyOf(configOf({ AUDIT_SIGNING_KEY_FILE: file }))).toThrow(
      'is not a PEM private key',
    );
    expect(() =>
      signingKeyOf(configOf({ AUDIT_SIGNING_KEY_FILE: join(folder, 'none.pem') })),
    ).toThrow('cannot be read');
  });

  it('must be configured in production', () => {
    expect(() => loadConfig(AuditConfig, { NODE_ENV: 'production', AUTH_MODE: 'jwks' })).toThrow(
      /AUDIT_SIGNING_KEY_FILE is required when NODE_ENV=production/,
    );
  });
});

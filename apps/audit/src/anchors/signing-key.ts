import { publicKeyInfo, type PublicKeyInfo } from '@hirestream/event-sourcing';
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AuditConfig } from '../audit.config';

/** The file the development key is kept in, under AUDIT_DATA_DIR. */
export const DEVELOPMENT_KEY_FILE = 'signing-key.pem';

/** The Ed25519 key the audit service signs anchors and export manifests with. */
export class SigningKey {
  readonly publicKey: PublicKeyInfo;

  constructor(readonly privateKey: KeyObject) {
    this.publicKey = publicKeyInfo(privateKey);
  }
}

function keyOf(pem: string, from: string): SigningKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(`${from} is not a PEM private key: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${from} holds a ${key.asymmetricKeyType} key, not an Ed25519 key`);
  }
  return new SigningKey(key);
}

/**
 * Creates the development key file once: written aside, then linked into
 * place, so of replicas starting together one key wins and all read it.
 */
function createdOnce(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const aside = `${path}.${process.pid}.tmp`;
  const { privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(aside, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  try {
    linkSync(aside, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}

/**
 * The key from AUDIT_SIGNING_KEY_FILE (PKCS#8 PEM); without it (refused in
 * production by the configuration) the development key in AUDIT_DATA_DIR,
 * generated the first time and reused after. A file that is not an Ed25519
 * private key stops the start, naming it.
 */
export function signingKeyOf(config: AuditConfig): SigningKey {
  if (config.AUDIT_SIGNING_KEY_FILE !== undefined) {
    const path = config.AUDIT_SIGNING_KEY_FILE;
    let pem: string;
    try {
      pem = readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(
        `AUDIT_SIGNING_KEY_FILE ${path} cannot be read: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    return keyOf(pem, `AUDIT_SIGNING_KEY_FILE ${path}`);
  }
  const path = resolve(join(config.AUDIT_DATA_DIR, DEVELOPMENT_KEY_FILE));
  try {
    return keyOf(readFileSync(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  createdOnce(path);
  return keyOf(readFileSync(path, 'utf8'), path);
}

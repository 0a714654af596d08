import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import type { DataKey } from '../keys/data-key';
import {
  ENVELOPE_VERSION,
  PersonalDataIntegrityError,
  type EncryptedValue,
} from './encrypted-value';

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Random IVs are drawn from the system's generator this many at a time (one call costs as much as a cipher). */
const IVS_PER_DRAW = 256;

/** Where a value sits: the event it belongs to and its JSON Pointer in the event's data. */
export type ValueLocation = Readonly<{ eventId: string; path: string }>;

let ivPool = Buffer.alloc(0);
let ivOffset = 0;

function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomFillSync(Buffer.allocUnsafe(IV_BYTES * IVS_PER_DRAW));
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

/** The associated data: the envelope's version, its key, the event id and the path, unambiguously. */
function associatedData(keyId: string, { eventId, path }: ValueLocation): Buffer {
  return Buffer.from(JSON.stringify([ENVELOPE_VERSION, keyId, eventId, path]), 'utf8');
}

/** Encrypts one value (any JSON value) under `key`, bound to its event and path. */
export function encryptValue(value: unknown, key: DataKey, at: ValueLocation): EncryptedValue {
  const iv = nextIv();
  const cipher = createCipheriv(CIPHER, key.secret, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(key.keyId, at));
  const plaintext = Buffer.from(JSON.stringify(value), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    $enc: ENVELOPE_VERSION,
    kid: key.keyId,
    iv: iv.toString('base64url'),
    ct: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

function binaryPart(
  envelope: EncryptedValue,
  part: 'iv' | 'ct' | 'tag',
  at: ValueLocation,
): Buffer {
  const text: unknown = envelope[part];
  if (typeof text !== 'string') {
    throw new PersonalDataIntegrityError(at.eventId, at.path, `its ${part} is not a string`);
  }
  // Characters outside base64url are dropped by the decoder; the tag check refuses the result.
  return Buffer.from(text, 'base64url');
}

/**
 * The value `envelope` holds, decrypted with `key` (whose id must be the
 * envelope's). Throws `PersonalDataIntegrityError` when anything it is bound to
 * differs from what was encrypted: ciphertext, tag, key, event id or path.
 */
export function decryptValue(envelope: EncryptedValue, key: DataKey, at: ValueLocation): unknown {
  if (envelope.$enc !== ENVELOPE_VERSION) {
    throw new PersonalDataIntegrityError(
      at.eventId,
      at.path,
      `envelope version ${String(envelope.$enc)} is unknown to this build`,
    );
  }
  if (envelope.kid !== key.keyId) {
    throw new PersonalDataIntegrityError(
      at.eventId,
      at.path,
      `it names key ${String(envelope.kid)}, not ${key.keyId}`,
    );
  }
  const iv = binaryPart(envelope, 'iv', at);
  const tag = binaryPart(envelope, 'tag', at);
  const ciphertext = binaryPart(envelope, 'ct', at);
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new PersonalDataIntegrityError(at.eventId, at.path, 'its iv or tag has the wrong length');
  }
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv(CIPHER, key.secret, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(key.keyId, at));
    decipher.setAuthTag(tag);
    plaintext = decipher.update(ciphertext);
    decipher.final();
  } catch {
    throw new PersonalDataIntegrityError(
      at.eventId,
      at.path,
      'authentication failed (altered, or read under another event id or path)',
    );
  }
  return JSON.parse(plaintext.toString('utf8'));
}

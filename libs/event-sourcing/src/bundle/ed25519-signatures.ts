import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** A public key as bundles and anchors carry it: SPKI PEM, and its id. */
export type PublicKeyInfo = Readonly<{
  /** SHA-256 (hex) of the key's SPKI DER encoding. */
  keyId: string;
  /** `-----BEGIN PUBLIC KEY-----…` */
  publicKey: string;
}>;

export function publicKeyInfo(key: KeyObject): PublicKeyInfo {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error('the key is not an Ed25519 key');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    keyId: createHash('sha256').update(der).digest('hex'),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** An Ed25519 signature (base64) of `bytes` with the private key. */
export function ed25519Signature(privateKey: KeyObject, bytes: Uint8Array): string {
  return sign(null, bytes, privateKey).toString('base64');
}

/**
 * Why a signature does not hold, or undefined when it does: the PEM is an
 * Ed25519 public key whose id is `keyId`, and the base64 signature is its
 * signature of `bytes`.
 */
export function signatureProblem(
  signed: Readonly<{ keyId: string; publicKey: string; signature: string }>,
  bytes: Uint8Array,
): string | undefined {
  let key: KeyObject;
  try {
    key = createPublicKey(signed.publicKey);
  } catch {
    return 'the public key is not a PEM public key';
  }
  if (key.asymmetricKeyType !== 'ed25519') return 'the public key is not an Ed25519 key';
  if (publicKeyInfo(key).keyId !== signed.keyId) return 'the key id is not the public key’s';
  if (!/^[A-Za-z0-9+/]{86}==$/.test(signed.signature))
    return 'the signature is not 64 bytes of base64';
  return verify(null, bytes, key, Buffer.from(signed.signature, 'base64'))
    ? undefined
    : 'the signature does not match';
}

/**
 * The key that wraps every data key at rest (envelope encryption): a KMS key in
 * production, a local key file in the embedded default. Only wrapped data keys
 * are stored; a data key is usable only by a process the key-encryption key
 * unwraps it for.
 *
 * A KMS adapter implements it with the KMS's encrypt and decrypt calls, passing
 * `keyId` as the encryption context (AWS KMS `EncryptionContext`, GCP and Azure
 * additional authenticated data), so a wrapped key moved to another subject's
 * row does not unwrap; `id` names the KMS key (its ARN or resource name).
 */
export interface KeyEncryptionKey {
  /** Names this key-encryption key; stored beside every data key it wraps. */
  readonly id: string;
  /** `dataKey` encrypted, bound to `keyId` (the data key's id). */
  wrap(dataKey: Buffer, keyId: string): Promise<Buffer>;
  /**
   * The data key `wrapped` holds. `kekId` is the id stored with it, for an
   * implementation holding several (during a rotation). Throws when the
   * wrapped key was altered, moved to another `keyId`, or wrapped by another key.
   */
  unwrap(wrapped: Buffer, keyId: string, kekId: string): Promise<Buffer>;
}

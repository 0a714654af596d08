export {
  ENVELOPE_VERSION,
  ERASED_VALUE,
  isEncryptedValue,
  PersonalDataIntegrityError,
  type EncryptedValue,
} from './cipher/encrypted-value';
export { decryptValue, encryptValue, type ValueLocation } from './cipher/value-cipher';
export {
  decryptPersonalData,
  encryptPersonalData,
  keyIdsIn,
  type DecryptedData,
} from './cipher/event-data-cipher';
export {
  DATA_KEY_BYTES,
  dataKeyId,
  dataKeyIdOf,
  personIdOf,
  type DataKey,
  type DataKeyring,
} from './keys/data-key';
export type { KeyEncryptionKey } from './keys/key-encryption-key';
export { LocalKeyEncryptionKey } from './keys/local-key-encryption-key';
export { DataKeyCache, type DataKeyCacheOptions } from './keys/data-key-cache';
export {
  DATA_KEYS_TABLE,
  ERASURE_CHANNEL,
  PersonalDataErasedError,
  PostgresDataKeyStore,
  type ErasedKey,
  type KeyStoreSql,
} from './keys/postgres-data-key-store';
export {
  PersonalDataVault,
  type DataKeyStore,
  type OpenedData,
  type SealedData,
  type SealedValue,
  type StoredData,
} from './vault/personal-data-vault';

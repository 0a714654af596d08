/*
 * A personal value as stored: the JSON of the value encrypted with AES-256-GCM
 * under the data key `kid`, bound (as associated data) to the event id and the
 * value's path in the event's data. It takes the value's place in the data.
 */

/** The version of the envelope format this build writes and reads. */
export const ENVELOPE_VERSION = 'v1';

/** `{"$enc":"v1","kid":…,"iv":…,"ct":…,"tag":…}`, binary parts in base64url without padding. */
export type EncryptedValue = Readonly<{
  $enc: typeof ENVELOPE_VERSION;
  /** The data key's id: `candidate:<candidateId>`, `interviewer:<interviewerId>`. */
  kid: string;
  /** 12 random bytes. */
  iv: string;
  /** The ciphertext of `JSON.stringify(value)`. */
  ct: string;
  /** GCM's 16-byte authentication tag. */
  tag: string;
}>;

/**
 * What a personal value reads as once its data key is erased: a string, as every
 * personal field is one. `erasedPaths` of a decryption says which values these are.
 */
export const ERASED_VALUE = '[erased]';

/** Whether `value` is an envelope (of any version: an unknown version is refused when read). */
export function isEncryptedValue(value: unknown): value is EncryptedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.prototype.hasOwnProperty.call(value, '$enc')
  );
}

/**
 * A stored personal value that cannot be trusted: its ciphertext, tag, event id or
 * path differ from what was encrypted, or the envelope is malformed. Never
 * answered with the value: the data was altered (or read under the wrong event).
 */
export class PersonalDataIntegrityError extends Error {
  constructor(
    readonly eventId: string,
    readonly path: string,
    reason: string,
  ) {
    super(`personal value ${path} of event ${eventId} cannot be decrypted: ${reason}`);
    this.name = 'PersonalDataIntegrityError';
  }
}

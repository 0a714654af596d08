import { randomUUID } from 'node:crypto';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The 16 bytes of a textual UUID, or undefined when the text is not one. */
export function uuidToBytes(text: string): Buffer | undefined {
  if (!UUID_PATTERN.test(text)) return undefined;
  return Buffer.from(text.replace(/-/g, ''), 'hex');
}

export function randomUuidBytes(): Buffer {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
}

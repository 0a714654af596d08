import { randomUUID } from 'node:crypto';

export function randomUuidBytes(): Buffer {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
}

import { randomBytes } from 'node:crypto';
import type { DataKey } from '../keys/data-key';
import { PersonalDataIntegrityError } from './encrypted-value';
import { decryptValue, encryptValue } from './value-cipher';

const key: DataKey = { keyId: 'candidate:c-1', secret: randomBytes(32) };
const at = { eventId: '0f8fad5b-d9cb-469f-a165-70867728950e', path: '/notes' };

describe('one personal value', () => {
  it('round-trips any JSON value, scripts and emoji included', () => {
    for (const value of ['Zoë Ørsted 😀\nline two', '', 42, ['a', null], { nested: true }]) {
      expect(decryptValue(encryptValue(value, key, at), key, at)).toEqual(value);
    }
  });

  it('never encrypts one value twice alike (a fresh IV each time)', () => {
    const first = encryptValue('same', key, at);
    const second = encryptValue('same', key, at);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ct).not.toBe(second.ct);
  });

  it('refuses an envelope of a version it does not know, a changed tag, or a malformed part', () => {
    const envelope = encryptValue('secret', key, at);
    const tag = Buffer.from(envelope.tag, 'base64url');
    tag[15] ^= 0x80;
    for (const altered of [
      { ...envelope, $enc: 'v9' },
      { ...envelope, tag: tag.toString('base64url') },
      { ...envelope, iv: 42 },
      { ...envelope, iv: envelope.iv.slice(2) },
    ]) {
      expect(() => decryptValue(altered as typeof envelope, key, at)).toThrow(
        PersonalDataIntegrityError,
      );
    }
  });

  it('refuses an envelope naming another key, or read at another path', () => {
    const envelope = encryptValue('secret', key, at);
    expect(() => decryptValue(envelope, { ...key, keyId: 'candidate:c-2' }, at)).toThrow(
      'it names key candidate:c-1, not candidate:c-2',
    );
    expect(() => decryptValue(envelope, key, { ...at, path: '/reason' })).toThrow(
      PersonalDataIntegrityError,
    );
  });
});

import { ACTOR_ID_MAX_LENGTH, isActorId } from './actor-id';

describe('isActorId', () => {
  it("accepts identity providers' subjects up to 100 characters, counted as code points", () => {
    for (const id of [
      'rita',
      'auth0|5f7c8ec7c33c6c004bbafe82',
      'google-oauth2|104750093498634872611',
      '3f1c2e0a-7b9d-4c1e-9f2a-0d6b8e4a1c55',
      'ada@example.org',
      'Zoë',
      'x'.repeat(ACTOR_ID_MAX_LENGTH),
      '😀'.repeat(ACTOR_ID_MAX_LENGTH),
    ]) {
      expect({ id, accepted: isActorId(id) }).toEqual({ id, accepted: true });
    }
  });

  it('refuses what would break an event: too long, invisible, control, white space, not a string', () => {
    for (const id of [
      '',
      'x'.repeat(ACTOR_ID_MAX_LENGTH + 1),
      'ri\u0000ta',
      'rita\n',
      'ri\u200bta',
      'ri\u202eta',
      '\ufeffrita',
      ' rita',
      'rita ',
      'ri ta',
      'ri\u2028ta',
      'ri\ud800ta',
      42,
      undefined,
    ]) {
      expect({ id, accepted: isActorId(id) }).toEqual({ id, accepted: false });
    }
  });
});

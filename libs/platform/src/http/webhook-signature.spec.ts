import { webhookSignature, webhookSignatureProblem } from './webhook-signature';

const SECRET = 'a-webhook-secret-both-sides-hold-0123456789';
const NOW_MS = Date.parse('2030-05-06T09:00:00Z');
const NOW_SECONDS = String(NOW_MS / 1000);
const BODY = '{"deliveryId":"d-1","status":"clear"}';
const RULES = { secret: SECRET, toleranceSeconds: 300, nowMs: NOW_MS };

const signedAt = (timestamp: string, body = BODY) => ({
  timestamp,
  signature: webhookSignature(SECRET, timestamp, body),
  rawBody: body,
});

describe('webhook signatures', () => {
  it('are HMAC-SHA256 over "<timestamp>.<raw body>", written sha256=<hex>', () => {
    // Computed independently: printf '1893920400.{}' | openssl dgst -sha256 -hmac key
    expect(webhookSignature('key', '1893920400', '{}')).toBe(
      'sha256=ad1a70b1c9260bf813a3ff8583c3edaf5057c8419ea085e9881f7e54a3b6e400',
    );
    expect(webhookSignature(SECRET, NOW_SECONDS, BODY)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('accept a delivery signed with the secret within the tolerance', () => {
    expect(webhookSignatureProblem(signedAt(NOW_SECONDS), RULES)).toBeUndefined();
    expect(webhookSignatureProblem(signedAt(String(NOW_MS / 1000 - 299)), RULES)).toBeUndefined();
  });

  it('refuse a body changed after signing, or signed with another secret', () => {
    const delivery = signedAt(NOW_SECONDS);
    expect(webhookSignatureProblem({ ...delivery, rawBody: `${BODY} ` }, RULES)).toBe(
      'The signature does not match the body',
    );
    expect(webhookSignatureProblem(delivery, { ...RULES, secret: `${SECRET}!` })).toBe(
      'The signature does not match the body',
    );
  });

  it('refuse a timestamp changed after signing', () => {
    const delivery = signedAt(NOW_SECONDS);
    expect(
      webhookSignatureProblem({ ...delivery, timestamp: String(NOW_MS / 1000 - 1) }, RULES),
    ).toBe('The signature does not match the body');
  });

  it('refuse a stale timestamp, or one too far ahead, however well signed', () => {
    expect(webhookSignatureProblem(signedAt(String(NOW_MS / 1000 - 301)), RULES)).toBe(
      'The signature timestamp is more than 300 s from now',
    );
    expect(webhookSignatureProblem(signedAt(String(NOW_MS / 1000 + 301)), RULES)).toBe(
      'The signature timestamp is more than 300 s from now',
    );
  });

  it('refuse missing or malformed headers without computing anything', () => {
    const delivery = signedAt(NOW_SECONDS);
    expect(webhookSignatureProblem({ ...delivery, timestamp: undefined }, RULES)).toMatch(
      /timestamp is missing/,
    );
    expect(
      webhookSignatureProblem({ ...delivery, timestamp: '2030-05-06T09:00:00Z' }, RULES),
    ).toMatch(/timestamp is missing/);
    expect(webhookSignatureProblem({ ...delivery, signature: undefined }, RULES)).toMatch(
      /signature is missing/,
    );
    expect(
      webhookSignatureProblem({ ...delivery, signature: delivery.signature.slice(0, -1) }, RULES),
    ).toMatch(/signature is missing/);
    expect(
      webhookSignatureProblem({ ...delivery, signature: delivery.signature.toUpperCase() }, RULES),
    ).toMatch(/signature is missing/);
  });
});

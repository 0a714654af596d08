import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Signed webhooks: a partner (a screening provider) calls a route without a
 * bearer token and proves the call is theirs with an HMAC-SHA256, keyed by a
 * secret both sides hold, over `<timestamp>.<raw body>`. The timestamp (Unix
 * seconds) is signed too, so an old delivery captured on the way cannot be
 * sent again once it is stale. Pure: the caller hands in the time.
 */

const SIGNATURE_SCHEME = 'sha256=';
const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/** The signature header's value for a body sent at `timestamp` (Unix seconds): `sha256=<hex>`. */
export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `${SIGNATURE_SCHEME}${digest}`;
}

export type SignedDelivery = Readonly<{
  /** The timestamp header as received (Unix seconds), if any. */
  timestamp: string | undefined;
  /** The signature header as received (`sha256=<hex>`), if any. */
  signature: string | undefined;
  /** The body exactly as received, before any parsing. */
  rawBody: string;
}>;

export type SignatureRules = Readonly<{
  secret: string;
  /** How far the timestamp may lie from now, either way, in seconds. */
  toleranceSeconds: number;
  /** Milliseconds since the epoch. */
  nowMs: number;
}>;

/** Why a delivery is refused; undefined when its signature and timestamp hold. */
export function webhookSignatureProblem(
  delivery: SignedDelivery,
  rules: SignatureRules,
): string | undefined {
  const { timestamp, signature, rawBody } = delivery;
  if (timestamp === undefined || !TIMESTAMP.test(timestamp)) {
    return 'The signature timestamp is missing or not Unix seconds';
  }
  if (signature === undefined || !SIGNATURE.test(signature)) {
    return 'The signature is missing or not sha256=<64 hex digits>';
  }
  if (Math.abs(rules.nowMs / 1000 - Number(timestamp)) > rules.toleranceSeconds) {
    return `The signature timestamp is more than ${rules.toleranceSeconds} s from now`;
  }
  const expected = Buffer.from(webhookSignature(rules.secret, timestamp, rawBody));
  // Both are `sha256=` and 64 hex digits (checked above), so the lengths agree.
  return timingSafeEqual(expected, Buffer.from(signature))
    ? undefined
    : 'The signature does not match the body';
}

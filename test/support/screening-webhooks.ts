import {
  DEVELOPMENT_WEBHOOK_SECRET,
  SCREENING_WEBHOOK_PATH,
  SIGNATURE_HEADER,
  SIGNATURE_TIMESTAMP_HEADER,
  type ResultDelivery,
} from '@hirestream/embedded-screening-provider';
import { webhookSignature } from '@hirestream/platform';

export type SignedWebhook = Readonly<{
  method: 'POST';
  url: string;
  headers: Readonly<Record<string, string>>;
  /** The body as sent, which the signature covers. */
  payload: string;
}>;

/**
 * A request to the background-checks service's webhook as the screening
 * provider sends it: the delivery as JSON, signed with the development
 * secret now (or as `options` say: another secret, another time in ms).
 */
export function signedWebhook(
  delivery: ResultDelivery | Readonly<Record<string, unknown>>,
  options: Readonly<{ secret?: string; atMs?: number }> = {},
): SignedWebhook {
  const payload = JSON.stringify(delivery);
  const timestamp = String(Math.floor((options.atMs ?? Date.now()) / 1000));
  return {
    method: 'POST',
    url: SCREENING_WEBHOOK_PATH,
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: webhookSignature(
        options.secret ?? DEVELOPMENT_WEBHOOK_SECRET,
        timestamp,
        payload,
      ),
    },
    payload,
  };
}

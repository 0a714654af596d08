import { setTimeout as sleep } from 'node:timers/promises';
// The file itself: the platform's index would load NestJS, which the provider does not need.
import { webhookSignature } from '../../platform/src/http/webhook-signature';
import { retryDelayMs } from './screening-outcomes';
import {
  SIGNATURE_HEADER,
  SIGNATURE_TIMESTAMP_HEADER,
  type ResultDelivery,
} from './screening-provider-api';

export type DeliverySettings = Readonly<{
  webhookUrl: string;
  webhookSecret: string;
  /** An attempt not answered within this is a failure, retried. */
  timeoutMs: number;
  /** The wait before the second attempt, doubling up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Attempts in all before the delivery is given up. */
  maxAttempts: number;
  /** Milliseconds since the epoch: what the signature's timestamp says. */
  now: () => number;
}>;

/**
 * How a delivery ended: `taken` (2xx), `already-taken` (409: the receiver
 * had it, or refuses it for good), `refused` (another 4xx: a wrong secret or
 * body, not worth retrying), `gave-up` (5xx, timeouts or no connection
 * `maxAttempts` times), `cancelled` (the order was cancelled or the provider stopped).
 */
export type DeliveryOutcome = 'taken' | 'already-taken' | 'refused' | 'gave-up' | 'cancelled';

export type DeliveryReport = Readonly<{
  delivery: ResultDelivery;
  outcome: DeliveryOutcome;
  attempts: number;
  /** The last answer's status, or the error that stood for it. */
  last: string;
}>;

/** Sends one delivery, signed afresh at each attempt, until taken, refused or given up. */
export async function deliverWebhook(
  delivery: ResultDelivery,
  settings: DeliverySettings,
  signal: AbortSignal,
): Promise<DeliveryReport> {
  const body = JSON.stringify(delivery);
  let last = 'not sent';
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    if (attempt > 1) {
      const waited = await sleep(
        retryDelayMs(attempt, settings.initialBackoffMs, settings.maxBackoffMs),
        true,
        { signal },
      ).catch(() => false);
      if (!waited) return { delivery, outcome: 'cancelled', attempts: attempt - 1, last };
    }
    const timestamp = String(Math.floor(settings.now() / 1000));
    try {
      const response = await fetch(settings.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: webhookSignature(settings.webhookSecret, timestamp, body),
        },
        body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(settings.timeoutMs)]),
      });
      await response.arrayBuffer();
      last = String(response.status);
      if (response.ok) return { delivery, outcome: 'taken', attempts: attempt, last };
      if (response.status === 409) {
        return { delivery, outcome: 'already-taken', attempts: attempt, last };
      }
      if (response.status < 500) return { delivery, outcome: 'refused', attempts: attempt, last };
    } catch (error) {
      if (signal.aborted) return { delivery, outcome: 'cancelled', attempts: attempt, last };
      last = error instanceof Error ? error.message : String(error);
    }
  }
  return { delivery, outcome: 'gave-up', attempts: settings.maxAttempts, last };
}

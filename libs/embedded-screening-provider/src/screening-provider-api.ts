/*
 * The screening provider's API, as a real background-screening provider
 * shapes it: JSON over HTTPS with an API key out, signed webhooks back. The
 * embedded provider serves it; the background-checks service's HTTP adapter
 * and webhook route speak it. One statement of the wire format for both.
 */

/** `POST` places an order (201; 200 with the order already placed under the same Idempotency-Key). */
export const ORDERS_PATH = '/v1/orders';

/** `POST` cancels the order `id` (200, also when already cancelled; 404 for an unknown order). */
export const cancelOrderPath = (orderId: string): string =>
  `${ORDERS_PATH}/${encodeURIComponent(orderId)}/cancel`;

/** A webhook's send time in Unix seconds, covered by the signature. */
export const SIGNATURE_TIMESTAMP_HEADER = 'screening-timestamp';

/** `sha256=<hex>`: HMAC-SHA256 with the webhook secret over `<timestamp>.<raw body>`. */
export const SIGNATURE_HEADER = 'screening-signature';

/** What the provider reports of one item: working on it, then one final result. */
export const SCREENING_STATUSES = ['in-progress', 'clear', 'consider', 'suspended'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];

/** The caller's own keys, echoed in every webhook about the order. */
export type OrderMetadata = Readonly<{ candidateId: string; checkId: string }>;

/** The body of `POST /v1/orders` (with `Authorization: Bearer <api key>` and `Idempotency-Key`). */
export type OrderRequest = Readonly<{
  candidate: Readonly<{ fullName: string; email: string }>;
  items: ReadonlyArray<Readonly<{ itemId: string; kind: string; subject: string | null }>>;
  metadata: OrderMetadata;
}>;

/** The provider's answer to an order: its id and its reference for each item. */
export type OrderResponse = Readonly<{
  orderId: string;
  status: 'open' | 'cancelled';
  items: ReadonlyArray<Readonly<{ itemId: string; reference: string }>>;
}>;

/** One webhook delivery: news of one item. Retried with the same `deliveryId` until taken. */
export type ResultDelivery = Readonly<{
  deliveryId: string;
  orderId: string;
  metadata: OrderMetadata;
  itemId: string;
  itemReference: string;
  status: ScreeningStatus;
  /** A final result's summary; null while in progress. */
  summary: string | null;
  /** Where the provider keeps the full report; null while in progress. */
  reportReference: string | null;
  occurredAt: string;
}>;

import {
  cancelOrderPath,
  ORDERS_PATH,
  type OrderRequest,
  type OrderResponse,
} from '@hirestream/embedded-screening-provider';
import { Injectable } from '@nestjs/common';
import { BackgroundChecksConfig } from '../background-checks.config';
import {
  ScreeningProviderError,
  type PlacedOrder,
  type ScreeningOrder,
  type ScreeningProvider,
} from './screening-provider.port';

/** The provider's answer to an order, if it has the shape the API promises. */
function orderResponseOf(body: unknown): OrderResponse {
  const order = body as Partial<OrderResponse> | undefined;
  const wellFormed =
    typeof order?.orderId === 'string' &&
    order.orderId.length > 0 &&
    Array.isArray(order.items) &&
    order.items.every(
      (item) =>
        typeof item?.itemId === 'string' &&
        typeof item.reference === 'string' &&
        item.reference.length > 0,
    );
  if (!wellFormed) {
    throw new ScreeningProviderError(
      'the screening provider accepted the order without an order id and a reference per item',
    );
  }
  return order as OrderResponse;
}

/**
 * The provider over its HTTP API (`@hirestream/embedded-screening-provider`'s
 * `screening-provider-api.ts`): JSON with the API key as a bearer token, the
 * check id as the Idempotency-Key of its order.
 */
@Injectable()
export class HttpScreeningProvider implements ScreeningProvider {
  constructor(private readonly config: BackgroundChecksConfig) {}

  async placeOrder(order: ScreeningOrder): Promise<PlacedOrder> {
    const request: OrderRequest = {
      candidate: order.candidate,
      items: order.items,
      metadata: { candidateId: order.candidateId, checkId: order.checkId },
    };
    const response = await this.call(ORDERS_PATH, request, order.checkId);
    if (response.status !== 200 && response.status !== 201) {
      throw await this.unexpected('placing the order', response);
    }
    const placed = orderResponseOf(await response.json().catch(() => undefined));
    return {
      provider: this.config.SCREENING_PROVIDER_NAME,
      providerOrderId: placed.orderId,
      items: placed.items.map(({ itemId, reference }) => ({
        itemId,
        providerReference: reference,
      })),
    };
  }

  async cancelOrder(providerOrderId: string): Promise<void> {
    const response = await this.call(cancelOrderPath(providerOrderId), {});
    await response.arrayBuffer();
    // An order the provider no longer knows has nothing left to cancel.
    if (response.status !== 200 && response.status !== 404) {
      throw await this.unexpected(`cancelling order ${providerOrderId}`, response);
    }
  }

  private async call(path: string, body: unknown, idempotencyKey?: string): Promise<Response> {
    try {
      return await fetch(new URL(path, this.config.SCREENING_PROVIDER_URL), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.config.SCREENING_PROVIDER_API_KEY}`,
          'content-type': 'application/json',
          ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.config.SCREENING_PROVIDER_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ScreeningProviderError(
        `the screening provider could not be reached: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async unexpected(what: string, response: Response): Promise<ScreeningProviderError> {
    const text = (await response.text()).slice(0, 300);
    return new ScreeningProviderError(
      `the screening provider answered ${response.status} ${what}: ${text}`,
    );
  }
}

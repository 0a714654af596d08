import type { CheckItemKind, OrderedItem } from '@hirestream/contracts';

/** What the order process asks the provider to screen: the candidate and the check's provider items. */
export type ScreeningOrder = Readonly<{
  candidateId: string;
  checkId: string;
  candidate: Readonly<{ fullName: string; email: string }>;
  items: ReadonlyArray<Readonly<{ itemId: string; kind: CheckItemKind; subject: string | null }>>;
}>;

/** The order as the provider accepted it: what `RecordOrder` records. */
export type PlacedOrder = Readonly<{
  provider: string;
  providerOrderId: string;
  items: readonly OrderedItem[];
}>;

/**
 * The background-screening provider. Results never come back from these
 * calls: they arrive later, only through verified webhooks.
 */
export interface ScreeningProvider {
  /** Places the order; placing it again for the same check returns the same order. */
  placeOrder(order: ScreeningOrder): Promise<PlacedOrder>;
  /** Cancels the order; cancelling it again, or an order already done, is no error. */
  cancelOrder(providerOrderId: string): Promise<void>;
}

/** The token the provider adapter is injected by. */
export const SCREENING_PROVIDER = Symbol('SCREENING_PROVIDER');

/** A call to the provider failed or was answered unexpectedly: worth retrying later. */
export class ScreeningProviderError extends Error {
  override readonly name = 'ScreeningProviderError';
}

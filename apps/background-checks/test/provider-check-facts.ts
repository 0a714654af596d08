import type { BackgroundChecksEvent } from '@hirestream/contracts';

/** The disclosure every check of these facts was initiated with. */
export const DISCLOSURE = { documentId: 'fcra-disclosure', version: 1, sha256: 'a'.repeat(64) };

/** Two items the provider carries out and one a recruiter records. */
export const CHECK_ITEMS = [
  { itemId: 'criminal-record', kind: 'criminal-record', subject: null },
  { itemId: 'employment-1', kind: 'employment-verification', subject: 'Acme' },
  { itemId: 'reference-1', kind: 'reference-check', subject: 'A former manager' },
] as const;

/** The provider's items of CHECK_ITEMS, in order. */
export const PROVIDER_ITEM_IDS = ['criminal-record', 'employment-1'] as const;

/** A check of the candidacy in the phases the order process and the webhook meet. */
export function providerCheckFacts(candidateId: string, checkId: string) {
  const key = { candidateId, checkId };
  return {
    initiated: (): BackgroundChecksEvent => ({
      type: 'BackgroundCheckInitiated',
      data: {
        ...key,
        package: { id: 'standard', version: 1 },
        jurisdiction: { id: 'us-ca', version: 1 },
        items: [...CHECK_ITEMS],
        disclosure: DISCLOSURE,
      },
    }),
    consented: (): BackgroundChecksEvent => ({
      type: 'BackgroundCheckConsentGiven',
      data: { ...key, disclosure: DISCLOSURE, givenAt: '2030-05-06T09:00:00.000Z' },
    }),
    /** Ordered as `orderId`, each item's reference `<orderId>-<itemId>`. */
    ordered: (orderId: string): BackgroundChecksEvent => ({
      type: 'BackgroundCheckOrdered',
      data: {
        ...key,
        provider: 'embedded',
        providerOrderId: orderId,
        items: PROVIDER_ITEM_IDS.map((itemId) => ({
          itemId,
          providerReference: `${orderId}-${itemId}`,
        })),
      },
    }),
    withdrawn: (): BackgroundChecksEvent => ({
      type: 'BackgroundCheckConsentWithdrawn',
      data: { ...key, withdrawnAt: '2030-05-07T09:00:00.000Z', reason: null },
    }),
    cancelled: (): BackgroundChecksEvent => ({
      type: 'BackgroundCheckCancelled',
      data: { ...key, reason: 'candidacy-closed', note: null, cancelledBy: 'background-checks' },
    }),
  };
}

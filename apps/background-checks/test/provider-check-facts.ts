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
    /**
     * Everything after initiation up to an adverse-action window ending at
     * `windowEndsAt`: consent, the order, a consider and a clear result, the
     * reference, completion, the adverse adjudication and the notice.
     */
    inAdverseActionWindow: (windowEndsAt: string): BackgroundChecksEvent[] => {
      const resulted = (itemId: string, result: 'clear' | 'consider'): BackgroundChecksEvent => ({
        type: 'BackgroundCheckItemResulted',
        data: {
          ...key,
          itemId,
          result,
          summary: `${itemId}: ${result}`,
          reportReference: `report-${itemId}`,
          deliveryId: `delivery-${checkId}-${itemId}`,
        },
      });
      const [criminalRecord, employment] = PROVIDER_ITEM_IDS;
      return [
        {
          type: 'BackgroundCheckConsentGiven',
          data: { ...key, disclosure: DISCLOSURE, givenAt: '2030-05-06T09:00:00.000Z' },
        },
        {
          type: 'BackgroundCheckOrdered',
          data: {
            ...key,
            provider: 'embedded',
            providerOrderId: `order-${checkId}`,
            items: PROVIDER_ITEM_IDS.map((itemId) => ({
              itemId,
              providerReference: `order-${checkId}-${itemId}`,
            })),
          },
        },
        resulted(criminalRecord, 'consider'),
        resulted(employment, 'clear'),
        {
          type: 'ReferenceCheckRecorded',
          data: {
            ...key,
            itemId: 'reference-1',
            referenceName: 'Ada Lovelace',
            relationship: 'Former manager',
            answers: [{ question: 'Would you hire them again?', answer: 'Yes.' }],
            result: 'clear',
            recordedBy: 'recruiter-1',
          },
        },
        { type: 'BackgroundCheckCompleted', data: { ...key, outcome: 'consider' } },
        {
          type: 'ConsiderItemAdjudicated',
          data: {
            ...key,
            itemId: criminalRecord,
            decision: 'adverse-action',
            reason: 'A relevant conviction',
            adjudicatedBy: 'recruiter-1',
          },
        },
        {
          type: 'PreAdverseActionNoticeSent',
          data: {
            ...key,
            itemIds: [criminalRecord],
            reportCopyReference: `report-copy-${checkId}`,
            summaryOfRights: {
              documentId: 'fcra-summary-of-rights',
              version: 1,
              sha256: 'b'.repeat(64),
            },
            waitingBusinessDays: 5,
            timeZone: 'America/Los_Angeles',
            automaticFinalAction: false,
            windowEndsAt,
            sentBy: 'recruiter-1',
          },
        },
      ];
    },
  };
}

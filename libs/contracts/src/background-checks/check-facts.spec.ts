import type { BackgroundChecksEvent } from './background-checks-contracts';
import { checkStanding, evolveCheckFacts, type CheckFacts } from './check-facts';

const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const checkId = '1f8fad5b-d9cb-469f-a165-70867728950e';
const laterCheckId = '2f8fad5b-d9cb-469f-a165-70867728950e';
const key = { candidateId, checkId };
const document = { documentId: 'us-disclosure', version: 1, sha256: 'a'.repeat(64) };

const initiated = (id = checkId): BackgroundChecksEvent => ({
  type: 'BackgroundCheckInitiated',
  data: {
    candidateId,
    checkId: id,
    package: { id: 'standard', version: 1 },
    jurisdiction: { id: 'us-ca', version: 1 },
    items: [
      { itemId: 'criminal-record-1', kind: 'criminal-record', subject: null },
      { itemId: 'reference-check-1', kind: 'reference-check', subject: null },
    ],
    disclosure: document,
  },
});

const consented: BackgroundChecksEvent[] = [
  {
    type: 'BackgroundCheckConsentGiven',
    data: { ...key, disclosure: document, givenAt: '2030-03-04T09:00:00Z' },
  },
  {
    type: 'BackgroundCheckOrdered',
    data: {
      ...key,
      provider: 'embedded',
      providerOrderId: 'order-1',
      items: [{ itemId: 'criminal-record-1', providerReference: 'ref-1' }],
    },
  },
];

const criminalRecord = (result: 'clear' | 'consider'): BackgroundChecksEvent => ({
  type: 'BackgroundCheckItemResulted',
  data: {
    ...key,
    itemId: 'criminal-record-1',
    result,
    summary: 'Searched county records',
    reportReference: 'report-1',
    deliveryId: 'delivery-1',
  },
});

const reference: BackgroundChecksEvent = {
  type: 'ReferenceCheckRecorded',
  data: {
    ...key,
    itemId: 'reference-check-1',
    referenceName: 'Grace Hopper',
    relationship: 'Former manager',
    answers: [{ question: 'Would you hire them again?', answer: 'Yes' }],
    result: 'clear',
    recordedBy: 'recruiter-1',
  },
};

const completed = (outcome: 'clear' | 'consider'): BackgroundChecksEvent => ({
  type: 'BackgroundCheckCompleted',
  data: { ...key, outcome },
});

const adjudicated = (decision: 'engage' | 'adverse-action'): BackgroundChecksEvent => ({
  type: 'ConsiderItemAdjudicated',
  data: {
    ...key,
    itemId: 'criminal-record-1',
    decision,
    reason: 'Reviewed',
    adjudicatedBy: 'recruiter-1',
  },
});

const noticeSent: BackgroundChecksEvent = {
  type: 'PreAdverseActionNoticeSent',
  data: {
    ...key,
    itemIds: ['criminal-record-1'],
    reportCopyReference: 'report-1',
    summaryOfRights: { ...document, documentId: 'us-rights' },
    waitingBusinessDays: 5,
    timeZone: 'America/Los_Angeles',
    automaticFinalAction: false,
    windowEndsAt: '2030-03-12T07:00:00Z',
    sentBy: 'recruiter-1',
  },
};

const fold = (events: readonly BackgroundChecksEvent[]): CheckFacts | null =>
  events.reduce(evolveCheckFacts, null);

describe('the check facts other services read from the candidate stream', () => {
  it('is none before any check and pending while one is under way', () => {
    expect(checkStanding(fold([]))).toBe('none');
    expect(checkStanding(fold([initiated(), ...consented]))).toBe('pending');
  });

  it('follows each item from pending through ordered to its result', () => {
    const facts = fold([initiated(), ...consented, criminalRecord('consider')]);
    expect(facts?.phase).toBe('ordered');
    expect(facts?.provider).toEqual({ name: 'embedded', orderId: 'order-1' });
    expect(
      facts?.items.map(({ itemId, status, providerReference }) => [
        itemId,
        status,
        providerReference,
      ]),
    ).toEqual([
      ['criminal-record-1', 'consider', 'ref-1'],
      ['reference-check-1', 'pending', null],
    ]);
  });

  it('is clear once complete with every consider item engaged, not before', () => {
    const clear = [
      initiated(),
      ...consented,
      criminalRecord('clear'),
      reference,
      completed('clear'),
    ];
    expect(checkStanding(fold(clear))).toBe('clear');
    const consider = [
      initiated(),
      ...consented,
      criminalRecord('consider'),
      reference,
      completed('consider'),
    ];
    expect(checkStanding(fold(consider))).toBe('pending');
    expect(checkStanding(fold([...consider, adjudicated('engage')]))).toBe('clear');
    expect(checkStanding(fold([...consider, adjudicated('adverse-action')]))).toBe('pending');
  });

  it('pauses the window on a dispute and is adverse once the final action is taken', () => {
    const noticed = [
      initiated(),
      ...consented,
      criminalRecord('consider'),
      reference,
      completed('consider'),
      adjudicated('adverse-action'),
      noticeSent,
    ];
    const disputed = fold([
      ...noticed,
      {
        type: 'AdverseActionDisputed',
        data: {
          ...key,
          text: 'Not me',
          disputedAt: '2030-03-10T07:00:00Z',
          remainingMs: 172_800_000,
        },
      },
    ]);
    expect(disputed?.adverseAction).toMatchObject({
      phase: 'disputed',
      windowEndsAt: null,
      remainingMs: 172_800_000,
    });
    const taken = fold([
      ...noticed,
      {
        type: 'AdverseActionWindowElapsed',
        data: { ...key, windowEndsAt: '2030-03-12T07:00:00Z' },
      },
      {
        type: 'FinalAdverseActionTaken',
        data: { ...key, reason: 'Conviction', automatic: false, takenBy: 'recruiter-1' },
      },
    ]);
    expect(checkStanding(taken)).toBe('adverse');
  });

  it('engages the noticed items when a dispute ends in a correction', () => {
    const facts = fold([
      initiated(),
      ...consented,
      criminalRecord('consider'),
      reference,
      completed('consider'),
      adjudicated('adverse-action'),
      noticeSent,
      {
        type: 'AdverseActionDisputed',
        data: { ...key, text: 'Not me', disputedAt: '2030-03-10T07:00:00Z', remainingMs: 1_000 },
      },
      {
        type: 'AdverseActionDisputeResolved',
        data: {
          ...key,
          resolution: 'corrected',
          reason: 'Wrong person',
          windowEndsAt: null,
          resolvedBy: 'recruiter-1',
        },
      },
    ]);
    expect(facts?.adverseAction?.phase).toBe('corrected');
    expect(checkStanding(facts)).toBe('clear');
  });

  it('cancels the items not final with the check, and a later check replaces it', () => {
    const cancelled = fold([
      initiated(),
      ...consented,
      reference,
      {
        type: 'BackgroundCheckCancelled',
        data: { ...key, reason: 'candidacy-closed', note: null, cancelledBy: 'background-checks' },
      },
    ]);
    expect(checkStanding(cancelled)).toBe('cancelled');
    expect(cancelled?.items.map((item) => item.status)).toEqual(['cancelled', 'clear']);
    const replaced = fold([
      initiated(),
      {
        type: 'BackgroundCheckCancelled',
        data: { ...key, reason: 'consent-declined', note: null, cancelledBy: 'recruiter-1' },
      },
      initiated(laterCheckId),
      criminalRecord('clear'),
    ]);
    expect(replaced?.checkId).toBe(laterCheckId);
    expect(replaced?.items.every((item) => item.status === 'pending')).toBe(true);
  });
});

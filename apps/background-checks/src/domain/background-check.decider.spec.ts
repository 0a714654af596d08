import {
  AggregateNotFoundError,
  CommandRejectedError,
  type BackgroundChecksEvent,
} from '@hirestream/contracts';
import { deciderSpecification, refusedWith } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import type { BackgroundCheckCommand } from './background-check.commands';
import { BACKGROUND_CHECKS_SYSTEM_ACTOR, backgroundCheckDecider } from './background-check.decider';
import type { BackgroundCheckStreamEvent } from './background-check.state';
import type { CheckPolicies, Jurisdiction } from './check-policies';

const spec = deciderSpecification(backgroundCheckDecider);
const candidateId = 'c-1';
const checkId = 'k-1';
const key = { candidateId, checkId };
const candidate = candidateStreamFacts(candidateId);

const document = (documentId: string, sha: string) => ({
  documentId,
  version: 1,
  sha256: sha.repeat(64),
  title: documentId,
  text: `The text of ${documentId}`,
});
const disclosure = document('us-disclosure', 'a');
const stampedDisclosure = { documentId: 'us-disclosure', version: 1, sha256: 'a'.repeat(64) };
const california: Jurisdiction = {
  id: 'us-ca',
  version: 1,
  name: 'California',
  timeZone: 'America/Los_Angeles',
  holidays: ['2030-05-27'],
  waitingBusinessDays: 5,
  automaticFinalAction: false,
  disclosure,
  summaryOfRights: document('us-rights', 'b'),
};
const policies: CheckPolicies = {
  packages: [
    { id: 'standard', version: 1, name: 'Old standard', items: [] },
    {
      id: 'standard',
      version: 2,
      name: 'Standard',
      items: [
        { kind: 'criminal-record', count: 1, subject: null },
        { kind: 'employment-verification', count: 1, subject: 'Most recent employer' },
        { kind: 'reference-check', count: 1, subject: null },
      ],
    },
  ],
  jurisdictions: [california, { ...california, id: 'us-ny', automaticFinalAction: true }],
  selections: [
    { id: 'default', version: 1, jobIds: null, packageId: 'standard', jurisdictionId: 'us-ca' },
    { id: 'nyc', version: 1, jobIds: ['job-9'], packageId: 'standard', jurisdictionId: 'us-ny' },
  ],
};

const NOTICE_AT = '2030-05-24T23:00:00Z';
/** Friday 24 May 2030 in California plus 5 business days over Memorial Day. */
const WINDOW_ENDS_AT = '2030-06-04T07:00:00.000Z';

const inBackgroundCheck = (jobId = 'job-1'): BackgroundCheckStreamEvent[] => [
  candidate.registered({ jobId }),
  candidate.moved('interviewing', 'background-check'),
];

const initiated = (change: { jurisdiction?: string; id?: string } = {}): BackgroundChecksEvent => ({
  type: 'BackgroundCheckInitiated',
  data: {
    candidateId,
    checkId: change.id ?? checkId,
    package: { id: 'standard', version: 2 },
    jurisdiction: { id: change.jurisdiction ?? 'us-ca', version: 1 },
    items: [
      { itemId: 'criminal-record-1', kind: 'criminal-record', subject: null },
      {
        itemId: 'employment-verification-1',
        kind: 'employment-verification',
        subject: 'Most recent employer',
      },
      { itemId: 'reference-check-1', kind: 'reference-check', subject: null },
    ],
    disclosure: stampedDisclosure,
  },
});
const consentGiven: BackgroundChecksEvent = {
  type: 'BackgroundCheckConsentGiven',
  data: { ...key, disclosure: stampedDisclosure, givenAt: '2030-05-01T09:00:00Z' },
};
const consentDeclined: BackgroundChecksEvent = {
  type: 'BackgroundCheckConsentDeclined',
  data: { ...key, disclosure: stampedDisclosure, declinedAt: '2030-05-01T09:00:00Z' },
};
const consentWithdrawn: BackgroundChecksEvent = {
  type: 'BackgroundCheckConsentWithdrawn',
  data: { ...key, withdrawnAt: '2030-05-02T09:00:00Z', reason: null },
};
const orderedItems = [
  { itemId: 'criminal-record-1', providerReference: 'p-crim' },
  { itemId: 'employment-verification-1', providerReference: 'p-emp' },
];
const ordered: BackgroundChecksEvent = {
  type: 'BackgroundCheckOrdered',
  data: { ...key, provider: 'embedded', providerOrderId: 'order-1', items: orderedItems },
};
const started = (itemId: string, deliveryId: string): BackgroundChecksEvent => ({
  type: 'BackgroundCheckItemStarted',
  data: { ...key, itemId, deliveryId },
});
const resulted = (
  itemId: string,
  result: 'clear' | 'consider' | 'suspended',
  deliveryId = `d-${itemId}`,
): BackgroundChecksEvent => ({
  type: 'BackgroundCheckItemResulted',
  data: {
    ...key,
    itemId,
    result,
    summary: `${itemId}: ${result}`,
    reportReference: `report-${itemId}`,
    deliveryId,
  },
});
const reference = {
  referenceName: 'Grace Hopper',
  relationship: 'Former manager',
  answers: [{ question: 'Would you hire them again?', answer: 'Without hesitation.' }],
  recordedBy: 'recruiter-1',
};
const referenceRecorded = (result: 'clear' | 'consider' = 'clear'): BackgroundChecksEvent => ({
  type: 'ReferenceCheckRecorded',
  data: { ...key, itemId: 'reference-check-1', ...reference, result },
});
const completed = (outcome: 'clear' | 'consider'): BackgroundChecksEvent => ({
  type: 'BackgroundCheckCompleted',
  data: { ...key, outcome },
});
const adjudicated = (
  decision: 'engage' | 'adverse-action',
  itemId = 'criminal-record-1',
): BackgroundChecksEvent => ({
  type: 'ConsiderItemAdjudicated',
  data: { ...key, itemId, decision, reason: 'Reviewed', adjudicatedBy: 'recruiter-1' },
});
const noticeSent = (automaticFinalAction = false): BackgroundChecksEvent => ({
  type: 'PreAdverseActionNoticeSent',
  data: {
    ...key,
    itemIds: ['criminal-record-1'],
    reportCopyReference: 'report-copy-1',
    summaryOfRights: { documentId: 'us-rights', version: 1, sha256: 'b'.repeat(64) },
    waitingBusinessDays: 5,
    timeZone: 'America/Los_Angeles',
    automaticFinalAction,
    windowEndsAt: WINDOW_ENDS_AT,
    sentBy: 'recruiter-1',
  },
});
const DISPUTED_AT = '2030-06-03T07:00:00.000Z';
const DAY_MS = 86_400_000;
const disputed: BackgroundChecksEvent = {
  type: 'AdverseActionDisputed',
  data: { ...key, text: 'That record is not mine.', disputedAt: DISPUTED_AT, remainingMs: DAY_MS },
};
const resolved = (
  resolution: 'corrected' | 'upheld',
  windowEndsAt: string | null,
): BackgroundChecksEvent => ({
  type: 'AdverseActionDisputeResolved',
  data: {
    ...key,
    resolution,
    reason: 'Checked with the court',
    windowEndsAt,
    resolvedBy: 'recruiter-1',
  },
});
const elapsed: BackgroundChecksEvent = {
  type: 'AdverseActionWindowElapsed',
  data: { ...key, windowEndsAt: WINDOW_ENDS_AT },
};
const cancelled: BackgroundChecksEvent = {
  type: 'BackgroundCheckCancelled',
  data: { ...key, reason: 'recruiter-cancelled', note: null, cancelledBy: 'recruiter-1' },
};

const awaitingConsent = [...inBackgroundCheck(), initiated()];
const running = [...awaitingConsent, consentGiven, ordered];
const considered = [
  ...running,
  resulted('criminal-record-1', 'consider'),
  resulted('employment-verification-1', 'clear'),
  referenceRecorded(),
  completed('consider'),
];
const noticed = [...considered, adjudicated('adverse-action'), noticeSent()];

const at = (now: string) => ({ ...key, now });
const initiate = (id = checkId): BackgroundCheckCommand => ({
  type: 'InitiateBackgroundCheck',
  data: { candidateId, checkId: id, now: '2030-05-01T09:00:00Z', policies },
});
const giveConsent = (sha = 'a'): BackgroundCheckCommand => ({
  type: 'GiveConsent',
  data: { ...at('2030-05-01T09:00:00Z'), disclosureSha256: sha.repeat(64) },
});
const declineConsent = (sha = 'a'): BackgroundCheckCommand => ({
  type: 'DeclineConsent',
  data: { ...at('2030-05-01T09:00:00Z'), disclosureSha256: sha.repeat(64) },
});
const withdrawConsent: BackgroundCheckCommand = {
  type: 'WithdrawConsent',
  data: { ...at('2030-05-02T09:00:00Z'), reason: null },
};
const recordOrder = (items = orderedItems): BackgroundCheckCommand => ({
  type: 'RecordOrder',
  data: { ...key, provider: 'embedded', providerOrderId: 'order-1', items },
});
const providerResult = (
  change: Partial<Extract<BackgroundCheckCommand, { type: 'RecordProviderResult' }>['data']> = {},
): BackgroundCheckCommand => ({
  type: 'RecordProviderResult',
  data: {
    ...at('2030-05-03T09:00:00Z'),
    item: { providerReference: 'p-crim' },
    status: 'clear',
    summary: 'criminal-record-1: clear',
    reportReference: 'report-criminal-record-1',
    deliveryId: 'd-criminal-record-1',
    ...change,
  },
});
const recordReference = (itemId = 'reference-check-1'): BackgroundCheckCommand => ({
  type: 'RecordReferenceCheck',
  data: { ...key, itemId, ...reference, result: 'clear' },
});
const cancelItem = (itemId: string): BackgroundCheckCommand => ({
  type: 'CancelCheckItem',
  data: { ...key, itemId, reason: 'The employer has closed', cancelledBy: 'recruiter-1' },
});
const adjudicate = (
  decision: 'engage' | 'adverse-action',
  itemId = 'criminal-record-1',
): BackgroundCheckCommand => ({
  type: 'AdjudicateItem',
  data: { ...key, itemId, decision, reason: 'Reviewed', adjudicatedBy: 'recruiter-1' },
});
const sendNotice = (usedPolicies = policies): BackgroundCheckCommand => ({
  type: 'SendPreAdverseActionNotice',
  data: {
    ...at(NOTICE_AT),
    reportCopyReference: 'report-copy-1',
    policies: usedPolicies,
    sentBy: 'recruiter-1',
  },
});
const dispute = (now = DISPUTED_AT): BackgroundCheckCommand => ({
  type: 'DisputeAdverseAction',
  data: { ...at(now), text: 'That record is not mine.' },
});
const resolve = (resolution: 'corrected' | 'upheld', now: string): BackgroundCheckCommand => ({
  type: 'ResolveDispute',
  data: { ...at(now), resolution, reason: 'Checked with the court', resolvedBy: 'recruiter-1' },
});
const endWindow = (now: string, windowEndsAt = WINDOW_ENDS_AT): BackgroundCheckCommand => ({
  type: 'EndAdverseActionWindow',
  data: { ...at(now), windowEndsAt },
});
const takeFinal = (now: string): BackgroundCheckCommand => ({
  type: 'TakeFinalAdverseAction',
  data: { ...at(now), reason: 'The conviction bears on the role', takenBy: 'recruiter-1' },
});
const cancel = (
  cause: 'candidacy-closed' | 'recruiter',
  id: string | null = checkId,
): BackgroundCheckCommand => ({
  type: 'CancelBackgroundCheck',
  data: { candidateId, checkId: id, cause, note: null, cancelledBy: 'recruiter-1' },
});

describe('initiating a background check', () => {
  it('starts one with the package and jurisdiction in force for the job, each item numbered', () => {
    spec.given(inBackgroundCheck()).when(initiate()).then([initiated()]);
  });

  it("uses the job's own selection over the default", () => {
    spec
      .given(inBackgroundCheck('job-9'))
      .when(initiate())
      .then([initiated({ jurisdiction: 'us-ny' })]);
  });

  it('refuses a candidate outside the background-check stage, or a closed candidacy', () => {
    spec
      .given(candidate.interviewing())
      .when(initiate())
      .thenThrows(
        CommandRejectedError,
        refusedWith('candidate-not-in-background-check', 'interviewing'),
      );
    spec
      .given([...inBackgroundCheck(), candidate.withdrew()])
      .when(initiate())
      .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
    spec.given([]).when(initiate()).thenThrows(AggregateNotFoundError);
  });

  it('refuses a second check while one is under way, but not after one was cancelled', () => {
    spec
      .given(awaitingConsent)
      .when(initiate())
      .thenThrows(CommandRejectedError, refusedWith('check-already-open', checkId));
    spec
      .given([...awaitingConsent, cancelled])
      .when(initiate('k-2'))
      .then([initiated({ id: 'k-2' })]);
  });

  it('refuses a job with no selection and no default', () => {
    const command: BackgroundCheckCommand = {
      type: 'InitiateBackgroundCheck',
      data: { ...at('2030-05-01T09:00:00Z'), policies: { ...policies, selections: [] } },
    };
    spec
      .given(inBackgroundCheck())
      .when(command)
      .thenThrows(CommandRejectedError, refusedWith('no-check-policy-for-job', 'job-1'));
  });
});

describe('consent', () => {
  it('is given against the disclosure shown, with the time and its SHA-256', () => {
    spec.given(awaitingConsent).when(giveConsent()).then([consentGiven]);
    spec
      .given([...awaitingConsent, consentDeclined])
      .when(giveConsent())
      .then([consentGiven]);
  });

  it('is declined against the disclosure shown', () => {
    spec.given(awaitingConsent).when(declineConsent()).then([consentDeclined]);
  });

  it('refuses a disclosure other than the one of the check', () => {
    spec
      .given(awaitingConsent)
      .when(giveConsent('c'))
      .thenThrows(CommandRejectedError, refusedWith('disclosure-changed', 'c'.repeat(64)));
    spec
      .given(awaitingConsent)
      .when(declineConsent('c'))
      .thenThrows(CommandRejectedError, refusedWith('disclosure-changed'));
  });

  it('refuses consent that is not awaited, and an unknown check', () => {
    spec
      .given([...awaitingConsent, consentGiven])
      .when(giveConsent())
      .thenThrows(CommandRejectedError, refusedWith('consent-not-awaited', 'consented'));
    spec
      .given([...awaitingConsent, consentDeclined])
      .when(declineConsent())
      .thenThrows(CommandRejectedError, refusedWith('consent-not-awaited'));
    spec.given(inBackgroundCheck()).when(giveConsent()).thenThrows(AggregateNotFoundError);
  });

  it('is withdrawn while the check runs; not before it was given, nor once complete', () => {
    spec.given(running).when(withdrawConsent).then([consentWithdrawn]);
    spec
      .given(awaitingConsent)
      .when(withdrawConsent)
      .thenThrows(CommandRejectedError, refusedWith('consent-required'));
    spec
      .given(considered)
      .when(withdrawConsent)
      .thenThrows(CommandRejectedError, refusedWith('check-already-completed'));
  });
});

describe('recording the order', () => {
  it('records the provider order of every provider item once consent is given', () => {
    spec
      .given([...awaitingConsent, consentGiven])
      .when(recordOrder())
      .then([ordered]);
  });

  it('refuses an order before consent, after withdrawal, or twice', () => {
    spec
      .given(awaitingConsent)
      .when(recordOrder())
      .thenThrows(CommandRejectedError, refusedWith('consent-required'));
    spec
      .given([...running, consentWithdrawn])
      .when(recordOrder())
      .thenThrows(CommandRejectedError, refusedWith('check-stopped'));
    spec
      .given(running)
      .when(recordOrder())
      .thenThrows(CommandRejectedError, refusedWith('check-already-ordered', 'order-1'));
  });

  it('refuses an order that does not name each provider item once', () => {
    spec
      .given([...awaitingConsent, consentGiven])
      .when(recordOrder([orderedItems[0]]))
      .thenThrows(
        CommandRejectedError,
        refusedWith('order-items-mismatch', 'employment-verification-1'),
      );
    spec
      .given([...awaitingConsent, consentGiven])
      .when(recordOrder([...orderedItems, { itemId: 'reference-check-1', providerReference: 'x' }]))
      .thenThrows(CommandRejectedError, refusedWith('order-items-mismatch'));
  });
});

describe("recording the provider's results", () => {
  it('records an item started, then its result, by our item id or the provider reference', () => {
    spec
      .given(running)
      .when(
        providerResult({
          status: 'in-progress',
          summary: null,
          reportReference: null,
          deliveryId: 'd-1',
        }),
      )
      .then([started('criminal-record-1', 'd-1')]);
    spec
      .given([...running, started('criminal-record-1', 'd-1')])
      .when(providerResult({ item: { itemId: 'criminal-record-1' } }))
      .then([resulted('criminal-record-1', 'clear')]);
  });

  it('decides nothing for a second "in progress" of the same item', () => {
    spec
      .given([...running, started('criminal-record-1', 'd-1')])
      .when(
        providerResult({
          status: 'in-progress',
          summary: null,
          reportReference: null,
          deliveryId: 'd-2',
        }),
      )
      .then([]);
  });

  it('completes the check with the last final item: consider when an item needs review', () => {
    spec
      .given([...running, resulted('employment-verification-1', 'clear'), referenceRecorded()])
      .when(providerResult({ status: 'suspended', summary: 'criminal-record-1: suspended' }))
      .then([resulted('criminal-record-1', 'suspended'), completed('consider')]);
    spec
      .given([...running, resulted('employment-verification-1', 'clear'), referenceRecorded()])
      .when(providerResult())
      .then([resulted('criminal-record-1', 'clear'), completed('clear')]);
  });

  it('refuses a replayed delivery, even for another item', () => {
    spec
      .given([...running, resulted('criminal-record-1', 'clear', 'd-9')])
      .when(providerResult({ item: { providerReference: 'p-emp' }, deliveryId: 'd-9' }))
      .thenThrows(CommandRejectedError, refusedWith('delivery-already-processed', 'd-9'));
  });

  it('refuses an unknown check, an unknown item, a final item and a final result without its summary', () => {
    spec
      .given(inBackgroundCheck())
      .when(providerResult())
      .thenThrows(CommandRejectedError, refusedWith('unknown-check', checkId));
    spec
      .given(running)
      .when(providerResult({ item: { providerReference: 'p-nope' } }))
      .thenThrows(CommandRejectedError, refusedWith('unknown-check-item', 'p-nope'));
    spec
      .given([...running, resulted('criminal-record-1', 'clear')])
      .when(providerResult({ deliveryId: 'd-2' }))
      .thenThrows(CommandRejectedError, refusedWith('item-already-final', 'criminal-record-1'));
    spec
      .given(running)
      .when(providerResult({ reportReference: null }))
      .thenThrows(CommandRejectedError, refusedWith('result-summary-required'));
    spec
      .given(running)
      .when(providerResult({ item: { itemId: 'reference-check-1' } }))
      .thenThrows(CommandRejectedError, refusedWith('item-not-ordered'));
  });

  it('refuses results for a check stopped or never ordered', () => {
    spec
      .given([...running, consentWithdrawn])
      .when(providerResult())
      .thenThrows(CommandRejectedError, refusedWith('check-stopped'));
    spec
      .given([...awaitingConsent, consentGiven])
      .when(providerResult())
      .thenThrows(CommandRejectedError, refusedWith('unknown-check-item'));
  });
});

describe('reference checks and item cancellation by a recruiter', () => {
  it("records a reference's answers, completing the check when it is the last item", () => {
    spec.given(running).when(recordReference()).then([referenceRecorded()]);
    spec
      .given([
        ...running,
        resulted('criminal-record-1', 'clear'),
        resulted('employment-verification-1', 'clear'),
      ])
      .when(recordReference())
      .then([referenceRecorded(), completed('clear')]);
  });

  it('refuses a reference check before consent, on another kind of item, or twice', () => {
    spec
      .given(awaitingConsent)
      .when(recordReference())
      .thenThrows(CommandRejectedError, refusedWith('consent-required'));
    spec
      .given(running)
      .when(recordReference('criminal-record-1'))
      .thenThrows(CommandRejectedError, refusedWith('not-a-reference-check', 'criminal-record'));
    spec
      .given([...running, referenceRecorded()])
      .when(recordReference())
      .thenThrows(CommandRejectedError, refusedWith('item-already-final'));
  });

  it('cancels an item not final, completing the check when the others are final', () => {
    const cancelledItem: BackgroundChecksEvent = {
      type: 'BackgroundCheckItemCancelled',
      data: {
        ...key,
        itemId: 'employment-verification-1',
        reason: 'The employer has closed',
        cancelledBy: 'recruiter-1',
      },
    };
    spec.given(awaitingConsent).when(cancelItem('employment-verification-1')).then([cancelledItem]);
    spec
      .given([...running, resulted('criminal-record-1', 'clear'), referenceRecorded()])
      .when(cancelItem('employment-verification-1'))
      .then([cancelledItem, completed('clear')]);
  });

  it('refuses to cancel the last item left, or a final one', () => {
    const cancelledItem = (itemId: string): BackgroundChecksEvent => ({
      type: 'BackgroundCheckItemCancelled',
      data: { ...key, itemId, reason: 'Not needed', cancelledBy: 'recruiter-1' },
    });
    spec
      .given([
        ...awaitingConsent,
        cancelledItem('criminal-record-1'),
        cancelledItem('employment-verification-1'),
      ])
      .when(cancelItem('reference-check-1'))
      .thenThrows(CommandRejectedError, refusedWith('last-check-item', 'cancel the check'));
    spec
      .given([...running, referenceRecorded()])
      .when(cancelItem('reference-check-1'))
      .thenThrows(CommandRejectedError, refusedWith('item-already-final'));
  });
});

describe('adjudication', () => {
  it('records engage or adverse action on a consider item of a completed check', () => {
    spec
      .given(considered)
      .when(adjudicate('engage'))
      .then([adjudicated('engage')]);
    spec
      .given(considered)
      .when(adjudicate('adverse-action'))
      .then([adjudicated('adverse-action')]);
  });

  it('refuses before completion, on an item needing no review, and twice', () => {
    spec
      .given([...running, resulted('criminal-record-1', 'consider')])
      .when(adjudicate('engage'))
      .thenThrows(CommandRejectedError, refusedWith('check-not-completed'));
    spec
      .given(considered)
      .when(adjudicate('engage', 'employment-verification-1'))
      .thenThrows(CommandRejectedError, refusedWith('item-needs-no-adjudication', 'clear'));
    spec
      .given([...considered, adjudicated('engage')])
      .when(adjudicate('adverse-action'))
      .thenThrows(CommandRejectedError, refusedWith('item-already-adjudicated', 'engage'));
  });
});

describe('the pre-adverse-action notice', () => {
  it("opens a window of the jurisdiction's business days, ending at local midnight", () => {
    spec
      .given([...considered, adjudicated('adverse-action')])
      .when(sendNotice())
      .then([noticeSent()]);
  });

  it('refuses without an adverse finding, with items undecided, twice, or without the jurisdiction version', () => {
    spec
      .given([...considered, adjudicated('engage')])
      .when(sendNotice())
      .thenThrows(CommandRejectedError, refusedWith('no-adverse-finding'));
    const twoConsider = [
      ...running,
      resulted('criminal-record-1', 'consider'),
      resulted('employment-verification-1', 'consider'),
      referenceRecorded(),
      completed('consider'),
      adjudicated('adverse-action'),
    ];
    spec
      .given(twoConsider)
      .when(sendNotice())
      .thenThrows(
        CommandRejectedError,
        refusedWith('items-awaiting-adjudication', 'employment-verification-1'),
      );
    spec
      .given(noticed)
      .when(sendNotice())
      .thenThrows(CommandRejectedError, refusedWith('notice-already-sent'));
    spec
      .given([...considered, adjudicated('adverse-action')])
      .when(sendNotice({ ...policies, jurisdictions: [] }))
      .thenThrows(CommandRejectedError, refusedWith('jurisdiction-version-unknown', 'us-ca'));
  });
});

describe('a dispute', () => {
  it('pauses the window, keeping the time it had left', () => {
    spec.given(noticed).when(dispute()).then([disputed]);
  });

  it('refuses a dispute after the window, a second open one, or with no notice', () => {
    spec
      .given(noticed)
      .when(dispute(WINDOW_ENDS_AT))
      .thenThrows(
        CommandRejectedError,
        refusedWith('adverse-action-window-closed', WINDOW_ENDS_AT),
      );
    spec
      .given([...noticed, disputed])
      .when(dispute())
      .thenThrows(CommandRejectedError, refusedWith('dispute-open'));
    spec
      .given(considered)
      .when(dispute())
      .thenThrows(CommandRejectedError, refusedWith('no-pre-adverse-notice'));
  });

  it('upheld, resumes the window with the time it had left', () => {
    spec
      .given([...noticed, disputed])
      .when(resolve('upheld', '2030-06-10T12:00:00.000Z'))
      .then([resolved('upheld', '2030-06-11T12:00:00.000Z')]);
  });

  it('corrected, withdraws the finding; no final action follows', () => {
    spec
      .given([...noticed, disputed])
      .when(resolve('corrected', '2030-06-10T12:00:00.000Z'))
      .then([resolved('corrected', null)]);
    spec
      .given([...noticed, disputed, resolved('corrected', null)])
      .when(takeFinal('2030-07-01T00:00:00Z'))
      .thenThrows(CommandRejectedError, refusedWith('adverse-action-concluded', 'corrected'));
  });

  it('refuses a resolution with no open dispute', () => {
    spec
      .given(noticed)
      .when(resolve('upheld', DISPUTED_AT))
      .thenThrows(CommandRejectedError, refusedWith('no-open-dispute'));
  });
});

describe('the end of the waiting window (the durable timer)', () => {
  it('records the window elapsed at or after its end', () => {
    spec.given(noticed).when(endWindow(WINDOW_ENDS_AT)).then([elapsed]);
  });

  it('takes the final action automatically where the jurisdiction says so', () => {
    spec
      .given([...considered, adjudicated('adverse-action'), noticeSent(true)])
      .when(endWindow('2030-06-04T07:00:05.000Z'))
      .then([
        elapsed,
        {
          type: 'FinalAdverseActionTaken',
          data: {
            ...key,
            reason:
              "The waiting period of 5 business days ended without a dispute upheld in the candidate's favour; the jurisdiction takes the final action automatically.",
            automatic: true,
            takenBy: BACKGROUND_CHECKS_SYSTEM_ACTOR,
          },
        },
      ]);
  });

  it('decides nothing when stale: paused, moved, already elapsed, cancelled or closed', () => {
    const later = '2030-07-01T00:00:00.000Z';
    spec
      .given([...noticed, disputed])
      .when(endWindow(later))
      .then([]);
    spec
      .given([...noticed, disputed, resolved('upheld', '2030-06-11T12:00:00.000Z')])
      .when(endWindow(later))
      .then([]);
    spec
      .given([...noticed, elapsed])
      .when(endWindow(later))
      .then([]);
    spec
      .given([...noticed, cancelled])
      .when(endWindow(later))
      .then([]);
    spec
      .given([...noticed, candidate.withdrew()])
      .when(endWindow(later))
      .then([]);
  });

  it('refuses a firing before the end, naming it', () => {
    spec
      .given(noticed)
      .when(endWindow('2030-06-04T06:59:59.000Z'))
      .thenThrows(CommandRejectedError, refusedWith('adverse-action-window-open', WINDOW_ENDS_AT));
  });
});

describe('the final adverse action', () => {
  const finalTaken: BackgroundChecksEvent = {
    type: 'FinalAdverseActionTaken',
    data: {
      ...key,
      reason: 'The conviction bears on the role',
      automatic: false,
      takenBy: 'recruiter-1',
    },
  };

  it('is taken by a person once the window has ended', () => {
    spec
      .given([...noticed, elapsed])
      .when(takeFinal('2030-06-05T00:00:00Z'))
      .then([finalTaken]);
    spec.given(noticed).when(takeFinal(WINDOW_ENDS_AT)).then([finalTaken]);
  });

  it('is refused before the window ends, naming the earliest moment', () => {
    spec
      .given(noticed)
      .when(takeFinal('2030-06-03T00:00:00Z'))
      .thenThrows(
        CommandRejectedError,
        refusedWith('adverse-action-window-open', `from ${WINDOW_ENDS_AT}`),
      );
  });

  it('is refused while a dispute is open, twice, without a notice, or on a cancelled check', () => {
    spec
      .given([...noticed, disputed])
      .when(takeFinal('2030-07-01T00:00:00Z'))
      .thenThrows(CommandRejectedError, refusedWith('adverse-action-disputed'));
    spec
      .given([...noticed, elapsed, finalTaken])
      .when(takeFinal('2030-07-01T00:00:00Z'))
      .thenThrows(CommandRejectedError, refusedWith('adverse-action-concluded', 'taken'));
    spec
      .given([...considered, adjudicated('adverse-action')])
      .when(takeFinal('2030-07-01T00:00:00Z'))
      .thenThrows(CommandRejectedError, refusedWith('no-pre-adverse-notice'));
    spec
      .given([...noticed, cancelled])
      .when(takeFinal('2030-07-01T00:00:00Z'))
      .thenThrows(CommandRejectedError, refusedWith('check-stopped'));
  });
});

describe('cancellation', () => {
  it('cancels the open check when the candidacy closes, and decides nothing when none is open', () => {
    spec
      .given([...running, candidate.rejected()])
      .when(cancel('candidacy-closed', null))
      .then([
        {
          type: 'BackgroundCheckCancelled',
          data: { ...key, reason: 'candidacy-closed', note: null, cancelledBy: 'recruiter-1' },
        },
      ]);
    spec
      .given([...inBackgroundCheck(), candidate.rejected()])
      .when(cancel('candidacy-closed', null))
      .then([]);
    spec
      .given([...running, cancelled])
      .when(cancel('candidacy-closed', null))
      .then([]);
  });

  it("records why a recruiter cancels: the candidate's declined or withdrawn consent, or their own call", () => {
    const cancelledFor = (
      reason: 'consent-declined' | 'consent-withdrawn' | 'recruiter-cancelled',
    ): BackgroundChecksEvent => ({
      type: 'BackgroundCheckCancelled',
      data: { ...key, reason, note: null, cancelledBy: 'recruiter-1' },
    });
    spec
      .given([...running, consentWithdrawn])
      .when(cancel('recruiter'))
      .then([cancelledFor('consent-withdrawn')]);
    spec
      .given([...awaitingConsent, consentDeclined])
      .when(cancel('recruiter'))
      .then([cancelledFor('consent-declined')]);
    spec
      .given(running)
      .when(cancel('recruiter'))
      .then([cancelledFor('recruiter-cancelled')]);
  });

  it('refuses a concluded check and an unknown one', () => {
    spec
      .given([...running, cancelled])
      .when(cancel('recruiter'))
      .thenThrows(CommandRejectedError, refusedWith('check-concluded'));
    spec.given(inBackgroundCheck()).when(cancel('recruiter')).thenThrows(AggregateNotFoundError);
  });
});

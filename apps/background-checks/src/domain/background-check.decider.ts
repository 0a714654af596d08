import {
  AggregateNotFoundError,
  businessDaysWindowEnd,
  candidateStreamName,
  CLOSED_CANDIDACY_STAGES,
  CommandRejectedError,
  isCheckConcluded,
  isFinalItemStatus,
  isProviderItemKind,
  needsReview,
  openCandidacy,
  type BackgroundChecksEvent,
  type CheckFacts,
  type CheckItem,
  type CheckItemFact,
} from '@hirestream/contracts';
import type { Aggregate, Decider } from '@hirestream/event-sourcing';
import type {
  AdjudicateItem,
  BackgroundCheckCommand,
  CancelBackgroundCheck,
  CancelCheckItem,
  DeclineConsent,
  DisputeAdverseAction,
  EndAdverseActionWindow,
  GiveConsent,
  InitiateBackgroundCheck,
  ItemReference,
  RecordOrder,
  RecordProviderResult,
  RecordReferenceCheck,
  ResolveDispute,
  SendPreAdverseActionNotice,
  TakeFinalAdverseAction,
  WithdrawConsent,
} from './background-check.commands';
import {
  BACKGROUND_CHECK_STATE_EVENT_TYPES,
  evolveBackgroundCheck,
  initialBackgroundCheckState,
  type BackgroundCheckState,
  type BackgroundCheckStreamEvent,
} from './background-check.state';
import { checkPolicyForJob, policyVersion, type CheckPackage } from './check-policies';

/** Who the system's own decisions (an automatic final action) name: the service. */
export const BACKGROUND_CHECKS_SYSTEM_ACTOR = 'background-checks';

type Decided = BackgroundChecksEvent | readonly BackgroundChecksEvent[];

const isoOf = (instant: number) => new Date(instant).toISOString();

/** The check the command names: 404 when the candidacy has no such check (an older one counts as none). */
function namedCheck(state: BackgroundCheckState, candidateId: string, checkId: string): CheckFacts {
  const { check } = state;
  if (check === null || check.checkId !== checkId) {
    throw new AggregateNotFoundError(`candidate ${candidateId} has no background check ${checkId}`);
  }
  return check;
}

/** A check still being carried out: consent given and not withdrawn, not completed or cancelled. */
function runningCheck(check: CheckFacts): CheckFacts {
  switch (check.phase) {
    case 'consented':
    case 'ordered':
      return check;
    case 'awaiting-consent':
    case 'consent-declined':
      throw new CommandRejectedError(
        'consent-required',
        `background check ${check.checkId} has no consent from the candidate; nothing is done before it`,
      );
    case 'consent-withdrawn':
    case 'cancelled':
      throw new CommandRejectedError(
        'check-stopped',
        `background check ${check.checkId} was stopped (${check.phase})`,
      );
    case 'completed':
      throw new CommandRejectedError(
        'check-already-completed',
        `background check ${check.checkId} is completed`,
      );
  }
}

function itemOf(check: CheckFacts, reference: ItemReference): CheckItemFact {
  const item = check.items.find((candidate) =>
    'itemId' in reference
      ? candidate.itemId === reference.itemId
      : candidate.providerReference === reference.providerReference,
  );
  if (item === undefined) {
    const named = 'itemId' in reference ? reference.itemId : reference.providerReference;
    throw new CommandRejectedError(
      'unknown-check-item',
      `background check ${check.checkId} has no item ${named}`,
    );
  }
  return item;
}

function notFinal(item: CheckItemFact): CheckItemFact {
  if (isFinalItemStatus(item.status)) {
    throw new CommandRejectedError(
      'item-already-final',
      `item ${item.itemId} is already final (${item.status})`,
    );
  }
  return item;
}

/**
 * The events of an item change, followed by the check's completion when the
 * change leaves every item final (with consent given: a check is never
 * complete before it was authorized).
 */
function withCompletion(
  state: BackgroundCheckState,
  decided: readonly BackgroundChecksEvent[],
): readonly BackgroundChecksEvent[] {
  const after = decided.reduce(evolveBackgroundCheck, state).check;
  if (after === null || (after.phase !== 'consented' && after.phase !== 'ordered')) return decided;
  if (!after.items.every((item) => isFinalItemStatus(item.status))) return decided;
  const { candidateId } = decided[0].data;
  return [
    ...decided,
    {
      type: 'BackgroundCheckCompleted',
      data: {
        candidateId,
        checkId: after.checkId,
        outcome: after.items.some(needsReview) ? 'consider' : 'clear',
      },
    },
  ];
}

/** A package's items, each copy numbered: `reference-check-1`, `reference-check-2`, … */
function itemsOf(checkPackage: CheckPackage): CheckItem[] {
  const numbered = new Map<string, number>();
  return checkPackage.items.flatMap(({ kind, count, subject }) =>
    Array.from({ length: count }, () => {
      const number = (numbered.get(kind) ?? 0) + 1;
      numbered.set(kind, number);
      return { itemId: `${kind}-${number}`, kind, subject };
    }),
  );
}

function initiate(command: InitiateBackgroundCheck, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, policies } = command.data;
  const candidacy = openCandidacy(state.candidacy, candidateId);
  if (candidacy.stage !== 'background-check') {
    throw new CommandRejectedError(
      'candidate-not-in-background-check',
      `the candidate is in ${candidacy.stage}; a check starts when they enter background-check`,
    );
  }
  if (state.check !== null && !isCheckConcluded(state.check)) {
    throw new CommandRejectedError(
      'check-already-open',
      `background check ${state.check.checkId} is under way; one check per candidacy at a time`,
    );
  }
  const jobId = state.jobId ?? '';
  const chosen = checkPolicyForJob(policies, jobId);
  if (chosen === undefined) {
    throw new CommandRejectedError(
      'no-check-policy-for-job',
      `no package and jurisdiction are configured for job ${jobId}, and there is no default`,
    );
  }
  const { checkPackage, jurisdiction } = chosen;
  const { documentId, version, sha256 } = jurisdiction.disclosure;
  return {
    type: 'BackgroundCheckInitiated',
    data: {
      candidateId,
      checkId,
      package: { id: checkPackage.id, version: checkPackage.version },
      jurisdiction: { id: jurisdiction.id, version: jurisdiction.version },
      items: itemsOf(checkPackage),
      disclosure: { documentId, version, sha256 },
    },
  };
}

/**
 * The check a consent answer is for: waiting for one (a declined consent may
 * still be given), and shown the disclosure it names by its SHA-256.
 */
function checkAwaitingConsent(
  command: GiveConsent | DeclineConsent,
  state: BackgroundCheckState,
): CheckFacts {
  const { candidateId, checkId, disclosureSha256 } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const check = namedCheck(state, candidateId, checkId);
  const awaited =
    check.phase === 'awaiting-consent' ||
    (check.phase === 'consent-declined' && command.type === 'GiveConsent');
  if (!awaited) {
    throw new CommandRejectedError(
      'consent-not-awaited',
      `background check ${checkId} is not waiting for consent (${check.phase})`,
    );
  }
  if (disclosureSha256 !== check.disclosure.sha256) {
    throw new CommandRejectedError(
      'disclosure-changed',
      `the disclosure shown (SHA-256 ${disclosureSha256}) is not the one of this check (${check.disclosure.sha256}); read it again`,
    );
  }
  return check;
}

function giveConsent(command: GiveConsent, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, now } = command.data;
  const { disclosure } = checkAwaitingConsent(command, state);
  return {
    type: 'BackgroundCheckConsentGiven',
    data: { candidateId, checkId, disclosure, givenAt: now },
  };
}

function declineConsent(command: DeclineConsent, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, now } = command.data;
  const { disclosure } = checkAwaitingConsent(command, state);
  return {
    type: 'BackgroundCheckConsentDeclined',
    data: { candidateId, checkId, disclosure, declinedAt: now },
  };
}

function withdrawConsent(command: WithdrawConsent, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, reason, now } = command.data;
  openCandidacy(state.candidacy, candidateId);
  runningCheck(namedCheck(state, candidateId, checkId));
  return {
    type: 'BackgroundCheckConsentWithdrawn',
    data: { candidateId, checkId, withdrawnAt: now, reason },
  };
}

function recordOrder(command: RecordOrder, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, provider, providerOrderId, items } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const check = runningCheck(namedCheck(state, candidateId, checkId));
  if (check.phase === 'ordered') {
    throw new CommandRejectedError(
      'check-already-ordered',
      `background check ${checkId} was ordered already (order ${check.provider?.orderId})`,
    );
  }
  const expected = check.items
    .filter((item) => isProviderItemKind(item.kind) && item.status === 'pending')
    .map((item) => item.itemId);
  const ordered = items.map((item) => item.itemId);
  const sameItems =
    new Set(ordered).size === ordered.length &&
    ordered.length === expected.length &&
    expected.every((itemId) => ordered.includes(itemId));
  if (!sameItems) {
    throw new CommandRejectedError(
      'order-items-mismatch',
      `an order names each provider item of the check once: ${expected.join(', ')}`,
    );
  }
  return {
    type: 'BackgroundCheckOrdered',
    data: { candidateId, checkId, provider, providerOrderId, items },
  };
}

function recordProviderResult(command: RecordProviderResult, state: BackgroundCheckState): Decided {
  const {
    candidateId,
    checkId,
    item: reference,
    status,
    summary,
    reportReference,
    deliveryId,
  } = command.data;
  if (state.deliveryIds.has(deliveryId)) {
    throw new CommandRejectedError(
      'delivery-already-processed',
      `delivery ${deliveryId} was processed already`,
    );
  }
  if (state.check === null || state.check.checkId !== checkId) {
    throw new CommandRejectedError(
      'unknown-check',
      `candidate ${candidateId} has no background check ${checkId} under way`,
    );
  }
  const check = runningCheck(state.check);
  const item = notFinal(itemOf(check, reference));
  if (item.providerReference === null) {
    throw new CommandRejectedError(
      'item-not-ordered',
      `item ${item.itemId} was not ordered from the provider`,
    );
  }
  const key = { candidateId, checkId, itemId: item.itemId };
  if (status === 'in-progress') {
    // A second "in progress" adds nothing; the item's status says so already.
    return item.status === 'in-progress'
      ? []
      : { type: 'BackgroundCheckItemStarted', data: { ...key, deliveryId } };
  }
  if (summary === null || reportReference === null) {
    throw new CommandRejectedError(
      'result-summary-required',
      `a ${status} result carries a summary and a report reference`,
    );
  }
  return withCompletion(state, [
    {
      type: 'BackgroundCheckItemResulted',
      data: { ...key, result: status, summary, reportReference, deliveryId },
    },
  ]);
}

function recordReferenceCheck(command: RecordReferenceCheck, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, itemId, ...recorded } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const check = runningCheck(namedCheck(state, candidateId, checkId));
  const item = notFinal(itemOf(check, { itemId }));
  if (item.kind !== 'reference-check') {
    throw new CommandRejectedError(
      'not-a-reference-check',
      `item ${itemId} is a ${item.kind}; only reference checks are recorded by a recruiter`,
    );
  }
  return withCompletion(state, [
    { type: 'ReferenceCheckRecorded', data: { candidateId, checkId, itemId, ...recorded } },
  ]);
}

function cancelItem(command: CancelCheckItem, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, itemId, reason, cancelledBy } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const check = namedCheck(state, candidateId, checkId);
  if (check.phase !== 'awaiting-consent' && check.phase !== 'consent-declined') runningCheck(check);
  notFinal(itemOf(check, { itemId }));
  if (check.items.every((item) => item.itemId === itemId || item.status === 'cancelled')) {
    throw new CommandRejectedError(
      'last-check-item',
      `item ${itemId} is the last one left; cancel the check instead`,
    );
  }
  return withCompletion(state, [
    {
      type: 'BackgroundCheckItemCancelled',
      data: { candidateId, checkId, itemId, reason, cancelledBy },
    },
  ]);
}

function adjudicate(command: AdjudicateItem, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, itemId, decision, reason, adjudicatedBy } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const check = namedCheck(state, candidateId, checkId);
  if (check.phase !== 'completed') {
    throw new CommandRejectedError(
      'check-not-completed',
      `background check ${checkId} is ${check.phase}; items are adjudicated once every item is final`,
    );
  }
  const item = itemOf(check, { itemId });
  if (!needsReview(item)) {
    throw new CommandRejectedError(
      'item-needs-no-adjudication',
      `item ${itemId} is ${item.status}; only consider and suspended items are adjudicated`,
    );
  }
  if (item.adjudication !== null) {
    throw new CommandRejectedError(
      'item-already-adjudicated',
      `item ${itemId} was adjudicated already (${item.adjudication})`,
    );
  }
  return {
    type: 'ConsiderItemAdjudicated',
    data: { candidateId, checkId, itemId, decision, reason, adjudicatedBy },
  };
}

function sendNotice(command: SendPreAdverseActionNotice, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, reportCopyReference, policies, sentBy, now } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const check = namedCheck(state, candidateId, checkId);
  if (check.adverseAction !== null) {
    throw new CommandRejectedError(
      'notice-already-sent',
      `a pre-adverse-action notice was sent for background check ${checkId} already`,
    );
  }
  const adverse = check.items.filter((item) => item.adjudication === 'adverse-action');
  if (adverse.length === 0) {
    throw new CommandRejectedError(
      'no-adverse-finding',
      `no item of background check ${checkId} was adjudicated adverse-action`,
    );
  }
  const undecided = check.items.filter((item) => needsReview(item) && item.adjudication === null);
  if (undecided.length > 0) {
    throw new CommandRejectedError(
      'items-awaiting-adjudication',
      `adjudicate every item first: ${undecided.map((item) => item.itemId).join(', ')}`,
    );
  }
  const { id, version } = check.jurisdiction;
  const jurisdiction = policyVersion(policies.jurisdictions, id, version);
  if (jurisdiction === undefined) {
    throw new CommandRejectedError(
      'jurisdiction-version-unknown',
      `the policies no longer hold jurisdiction ${id} version ${version}, which the check was started under`,
    );
  }
  const { documentId, version: documentVersion, sha256 } = jurisdiction.summaryOfRights;
  return {
    type: 'PreAdverseActionNoticeSent',
    data: {
      candidateId,
      checkId,
      itemIds: adverse.map((item) => item.itemId),
      reportCopyReference,
      summaryOfRights: { documentId, version: documentVersion, sha256 },
      waitingBusinessDays: jurisdiction.waitingBusinessDays,
      timeZone: jurisdiction.timeZone,
      automaticFinalAction: jurisdiction.automaticFinalAction,
      windowEndsAt: isoOf(
        businessDaysWindowEnd(Date.parse(now), jurisdiction.waitingBusinessDays, jurisdiction),
      ),
      sentBy,
    },
  };
}

/** The adverse-action sequence of the check, once a notice was sent. */
function noticedCheck(check: CheckFacts) {
  const { adverseAction } = check;
  if (adverseAction === null) {
    throw new CommandRejectedError(
      'no-pre-adverse-notice',
      `no pre-adverse-action notice was sent for background check ${check.checkId}`,
    );
  }
  if (adverseAction.phase === 'taken' || adverseAction.phase === 'corrected') {
    throw new CommandRejectedError(
      'adverse-action-concluded',
      `the adverse action of background check ${check.checkId} is over (${adverseAction.phase})`,
    );
  }
  return adverseAction;
}

function dispute(command: DisputeAdverseAction, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, text, now } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const adverseAction = noticedCheck(namedCheck(state, candidateId, checkId));
  if (adverseAction.phase === 'disputed') {
    throw new CommandRejectedError(
      'dispute-open',
      'a dispute is open already; it is resolved before another is raised',
    );
  }
  const remainingMs =
    adverseAction.windowEndsAt === null
      ? 0
      : Date.parse(adverseAction.windowEndsAt) - Date.parse(now);
  if (adverseAction.phase !== 'waiting' || remainingMs <= 0) {
    throw new CommandRejectedError(
      'adverse-action-window-closed',
      `the waiting window ended at ${adverseAction.windowEndsAt}; a dispute is raised within it`,
    );
  }
  return {
    type: 'AdverseActionDisputed',
    data: { candidateId, checkId, text, disputedAt: now, remainingMs },
  };
}

function resolve(command: ResolveDispute, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, resolution, reason, resolvedBy, now } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const adverseAction = noticedCheck(namedCheck(state, candidateId, checkId));
  if (adverseAction.phase !== 'disputed' || adverseAction.remainingMs === null) {
    throw new CommandRejectedError(
      'no-open-dispute',
      `background check ${checkId} has no open dispute`,
    );
  }
  const windowEndsAt =
    resolution === 'upheld' ? isoOf(Date.parse(now) + adverseAction.remainingMs) : null;
  return {
    type: 'AdverseActionDisputeResolved',
    data: { candidateId, checkId, resolution, reason, windowEndsAt, resolvedBy },
  };
}

function windowOpenUntil(windowEndsAt: string): CommandRejectedError {
  return new CommandRejectedError(
    'adverse-action-window-open',
    `the waiting window is open until ${windowEndsAt}; the final adverse action may be taken from ${windowEndsAt}`,
  );
}

function endWindow(command: EndAdverseActionWindow, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, windowEndsAt, now } = command.data;
  const { check } = state;
  const adverseAction = check?.checkId === checkId ? check.adverseAction : null;
  // A stale firing (the window was paused, moved or ended; the check or candidacy closed) changes nothing.
  if (
    check === null ||
    state.candidacy === null ||
    CLOSED_CANDIDACY_STAGES.has(state.candidacy.stage) ||
    check.phase === 'cancelled' ||
    adverseAction?.phase !== 'waiting' ||
    adverseAction.windowEndsAt !== windowEndsAt
  ) {
    return [];
  }
  if (Date.parse(now) < Date.parse(windowEndsAt)) throw windowOpenUntil(windowEndsAt);
  const elapsed: BackgroundChecksEvent = {
    type: 'AdverseActionWindowElapsed',
    data: { candidateId, checkId, windowEndsAt },
  };
  if (!adverseAction.automaticFinalAction) return elapsed;
  return [
    elapsed,
    {
      type: 'FinalAdverseActionTaken',
      data: {
        candidateId,
        checkId,
        reason: `The waiting period of ${adverseAction.waitingBusinessDays} business days ended without a dispute upheld in the candidate's favour; the jurisdiction takes the final action automatically.`,
        automatic: true,
        takenBy: BACKGROUND_CHECKS_SYSTEM_ACTOR,
      },
    },
  ];
}

function takeFinalAction(command: TakeFinalAdverseAction, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, reason, takenBy, now } = command.data;
  openCandidacy(state.candidacy, candidateId);
  const check = namedCheck(state, candidateId, checkId);
  if (check.phase === 'cancelled') {
    throw new CommandRejectedError('check-stopped', `background check ${checkId} was cancelled`);
  }
  const adverseAction = noticedCheck(check);
  if (adverseAction.phase === 'disputed') {
    throw new CommandRejectedError(
      'adverse-action-disputed',
      'the candidate disputed the finding; resolve the dispute first',
    );
  }
  const { windowEndsAt } = adverseAction;
  if (
    adverseAction.phase === 'waiting' &&
    windowEndsAt !== null &&
    Date.parse(now) < Date.parse(windowEndsAt)
  ) {
    throw windowOpenUntil(windowEndsAt);
  }
  return {
    type: 'FinalAdverseActionTaken',
    data: { candidateId, checkId, reason, automatic: false, takenBy },
  };
}

function cancel(command: CancelBackgroundCheck, state: BackgroundCheckState): Decided {
  const { candidateId, checkId, cause, note, cancelledBy } = command.data;
  if (cause === 'candidacy-closed') {
    const { check } = state;
    if (check === null || isCheckConcluded(check)) return [];
    return {
      type: 'BackgroundCheckCancelled',
      data: { candidateId, checkId: check.checkId, reason: 'candidacy-closed', note, cancelledBy },
    };
  }
  openCandidacy(state.candidacy, candidateId);
  const check = namedCheck(state, candidateId, checkId ?? '');
  if (isCheckConcluded(check)) {
    throw new CommandRejectedError(
      'check-concluded',
      `background check ${check.checkId} is over (${check.phase === 'cancelled' ? 'cancelled' : 'settled'})`,
    );
  }
  const reason =
    check.phase === 'consent-declined' || check.phase === 'consent-withdrawn'
      ? check.phase
      : 'recruiter-cancelled';
  return {
    type: 'BackgroundCheckCancelled',
    data: { candidateId, checkId: check.checkId, reason, note, cancelledBy },
  };
}

function decide(command: BackgroundCheckCommand, state: BackgroundCheckState): Decided {
  switch (command.type) {
    case 'InitiateBackgroundCheck':
      return initiate(command, state);
    case 'GiveConsent':
      return giveConsent(command, state);
    case 'DeclineConsent':
      return declineConsent(command, state);
    case 'WithdrawConsent':
      return withdrawConsent(command, state);
    case 'RecordOrder':
      return recordOrder(command, state);
    case 'RecordProviderResult':
      return recordProviderResult(command, state);
    case 'RecordReferenceCheck':
      return recordReferenceCheck(command, state);
    case 'CancelCheckItem':
      return cancelItem(command, state);
    case 'AdjudicateItem':
      return adjudicate(command, state);
    case 'SendPreAdverseActionNotice':
      return sendNotice(command, state);
    case 'DisputeAdverseAction':
      return dispute(command, state);
    case 'ResolveDispute':
      return resolve(command, state);
    case 'EndAdverseActionWindow':
      return endWindow(command, state);
    case 'TakeFinalAdverseAction':
      return takeFinalAction(command, state);
    case 'CancelBackgroundCheck':
      return cancel(command, state);
  }
}

export const backgroundCheckDecider: Decider<
  BackgroundCheckState,
  BackgroundCheckCommand,
  BackgroundCheckStreamEvent
> = {
  decide,
  evolve: evolveBackgroundCheck,
  initialState: initialBackgroundCheckState,
  eventTypes: BACKGROUND_CHECK_STATE_EVENT_TYPES,
};

/** A candidate's stream, as the background-checks service decides on its checks. */
export const backgroundCheckAggregate: Aggregate<
  BackgroundCheckState,
  BackgroundCheckCommand,
  BackgroundCheckStreamEvent
> = {
  name: 'candidate-background-checks',
  decider: backgroundCheckDecider,
  streamOf: (command) => candidateStreamName(command.data.candidateId),
};

import type { BackgroundChecksEvent } from '@hirestream/contracts';
import { recordedEvent } from '@hirestream/testing/candidate-stream-facts';
import {
  ADVERSE_ACTION_WINDOW,
  backgroundCheckTimerSchedule,
  commandForTimer,
  ORDER_PLACEMENT,
  orderToPlace,
} from './background-check.timers';

const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const checkId = '1f8fad5b-d9cb-469f-a165-70867728950e';
const key = { candidateId, checkId };
const timerId = `adverse-action-window:${checkId}`;
const streamName = `candidate-${candidateId}`;

const changesOf = (event: BackgroundChecksEvent) =>
  backgroundCheckTimerSchedule.changes(recordedEvent(1, event));

const windowTimer = (windowEndsAt: string) => ({
  timerId,
  kind: ADVERSE_ACTION_WINDOW,
  streamName,
  dueAt: windowEndsAt,
  data: { candidateId, checkId, windowEndsAt },
});

describe('the background-check timers', () => {
  it('sets the window timer when a notice is sent, due at its end', () => {
    const changes = changesOf({
      type: 'PreAdverseActionNoticeSent',
      data: {
        ...key,
        itemIds: ['criminal-record-1'],
        reportCopyReference: 'report-copy-1',
        summaryOfRights: { documentId: 'us-rights', version: 1, sha256: 'b'.repeat(64) },
        waitingBusinessDays: 5,
        timeZone: 'America/Los_Angeles',
        automaticFinalAction: false,
        windowEndsAt: '2030-06-04T07:00:00Z',
        sentBy: 'recruiter-1',
      },
    });
    expect(changes).toEqual([{ set: windowTimer('2030-06-04T07:00:00Z') }]);
  });

  it('clears it on a dispute and sets it again at the resumed end when upheld', () => {
    expect(
      changesOf({
        type: 'AdverseActionDisputed',
        data: { ...key, text: 'Not mine', disputedAt: '2030-06-03T07:00:00Z', remainingMs: 1 },
      }),
    ).toEqual([{ clear: timerId }]);
    const resolution = (resolution: 'upheld' | 'corrected', windowEndsAt: string | null) =>
      changesOf({
        type: 'AdverseActionDisputeResolved',
        data: { ...key, resolution, reason: 'Checked', windowEndsAt, resolvedBy: 'recruiter-1' },
      });
    expect(resolution('upheld', '2030-06-11T12:00:00Z')).toEqual([
      { set: windowTimer('2030-06-11T12:00:00Z') },
    ]);
    expect(resolution('corrected', null)).toEqual([{ clear: timerId }]);
  });

  it('clears it when the window ends, the final action is taken or the check is cancelled', () => {
    const clearing: BackgroundChecksEvent[] = [
      {
        type: 'AdverseActionWindowElapsed',
        data: { ...key, windowEndsAt: '2030-06-04T07:00:00Z' },
      },
      {
        type: 'FinalAdverseActionTaken',
        data: { ...key, reason: 'Conviction', automatic: false, takenBy: 'recruiter-1' },
      },
    ];
    for (const event of clearing) expect(changesOf(event)).toEqual([{ clear: timerId }]);
    expect(
      changesOf({
        type: 'BackgroundCheckCancelled',
        data: { ...key, reason: 'candidacy-closed', note: null, cancelledBy: 'background-checks' },
      }),
    ).toEqual([{ clear: timerId }, { clear: `${ORDER_PLACEMENT}:${checkId}` }]);
    expect(backgroundCheckTimerSchedule.eventTypes).toEqual(
      new Set(
        'eventTypes' in backgroundCheckTimerSchedule.select
          ? backgroundCheckTimerSchedule.select.eventTypes
          : [],
      ),
    );
  });

  it('sets the order’s placement when consent is given, due at once, and clears it once it needs none', () => {
    const placement = {
      timerId: `${ORDER_PLACEMENT}:${checkId}`,
      kind: ORDER_PLACEMENT,
      streamName,
      dueAt: '2030-05-01T09:00:00Z',
      data: key,
    };
    const disclosure = { documentId: 'us-disclosure', version: 1, sha256: 'a'.repeat(64) };
    expect(
      changesOf({
        type: 'BackgroundCheckConsentGiven',
        data: { ...key, disclosure, givenAt: '2030-05-01T09:00:00Z' },
      }),
    ).toEqual([{ set: placement }]);
    expect(orderToPlace(placement)).toEqual(key);
    expect(orderToPlace(windowTimer('2030-06-04T07:00:00Z'))).toBeUndefined();
    const clearing: BackgroundChecksEvent[] = [
      {
        type: 'BackgroundCheckOrdered',
        data: { ...key, provider: 'embedded', providerOrderId: 'order-1', items: [] },
      },
      {
        type: 'BackgroundCheckConsentWithdrawn',
        data: { ...key, withdrawnAt: '2030-05-02T09:00:00Z', reason: null },
      },
      { type: 'BackgroundCheckCompleted', data: { ...key, outcome: 'clear' } },
    ];
    for (const event of clearing) {
      expect(changesOf(event)).toEqual([{ clear: placement.timerId }]);
    }
  });

  it('turns a due window timer into the command ending the window, at now', () => {
    expect(commandForTimer(windowTimer('2030-06-04T07:00:00Z'), '2030-06-04T07:00:01Z')).toEqual({
      type: 'EndAdverseActionWindow',
      data: { ...key, windowEndsAt: '2030-06-04T07:00:00Z', now: '2030-06-04T07:00:01Z' },
    });
  });

  it('knows no other kind of timer, nor one missing its data', () => {
    const timer = windowTimer('2030-06-04T07:00:00Z');
    expect(
      commandForTimer({ ...timer, kind: 'offer-expiry' }, '2030-06-05T00:00:00Z'),
    ).toBeUndefined();
    expect(
      commandForTimer({ ...timer, data: { candidateId, checkId } }, '2030-06-05T00:00:00Z'),
    ).toBeUndefined();
  });
});

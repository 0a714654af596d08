import { candidateStreamName, type BackgroundChecksEvent } from '@hirestream/contracts';
import { timerSchedule, type DueTimer } from '@hirestream/event-sourcing';
import type { EndAdverseActionWindow } from './background-check.commands';

/** The end of an adverse-action waiting window: fired as `EndAdverseActionWindow`. */
export const ADVERSE_ACTION_WINDOW = 'adverse-action-window';
/**
 * A consented check's order with the provider, due at once: fired by the
 * order process, whose provider may be down for a while (a durable timer
 * retries it with backoff until the order is recorded).
 */
export const ORDER_PLACEMENT = 'order-placement';

const windowTimerId = (checkId: string) => `${ADVERSE_ACTION_WINDOW}:${checkId}`;
const placementTimerId = (checkId: string) => `${ORDER_PLACEMENT}:${checkId}`;

const TIMER_EVENT_TYPES = [
  'PreAdverseActionNoticeSent',
  'AdverseActionDisputed',
  'AdverseActionDisputeResolved',
  'AdverseActionWindowElapsed',
  'FinalAdverseActionTaken',
  'BackgroundCheckCancelled',
  'BackgroundCheckConsentGiven',
  'BackgroundCheckOrdered',
  'BackgroundCheckConsentWithdrawn',
  'BackgroundCheckCompleted',
] as const satisfies readonly BackgroundChecksEvent['type'][];

function windowTimer(candidateId: string, checkId: string, windowEndsAt: string): DueTimer {
  return {
    timerId: windowTimerId(checkId),
    kind: ADVERSE_ACTION_WINDOW,
    streamName: candidateStreamName(candidateId),
    dueAt: windowEndsAt,
    data: { candidateId, checkId, windowEndsAt },
  };
}

/**
 * The service's durable timers. A pre-adverse-action notice sets the window's
 * end; a dispute clears it (the window is paused); an upheld dispute sets it
 * again at the resumed end; a correction, the window's end, the final action
 * or the check's cancellation clear it. A consent given sets the order's
 * placement, due at once; the order recorded, the consent withdrawn, the check
 * completed (nothing was the provider's) or cancelled clear it.
 */
export const backgroundCheckTimerSchedule = timerSchedule<BackgroundChecksEvent>({
  name: 'background-check-timers',
  version: 2,
  select: { eventTypes: TIMER_EVENT_TYPES },
  eventTypes: new Set(TIMER_EVENT_TYPES),
  changes: ({ event }) => {
    const { candidateId, checkId } = event.data;
    switch (event.type) {
      case 'PreAdverseActionNoticeSent':
        return [{ set: windowTimer(candidateId, checkId, event.data.windowEndsAt) }];
      case 'AdverseActionDisputeResolved':
        return event.data.windowEndsAt === null
          ? [{ clear: windowTimerId(checkId) }]
          : [{ set: windowTimer(candidateId, checkId, event.data.windowEndsAt) }];
      case 'AdverseActionDisputed':
      case 'AdverseActionWindowElapsed':
      case 'FinalAdverseActionTaken':
        return [{ clear: windowTimerId(checkId) }];
      case 'BackgroundCheckCancelled':
        return [{ clear: windowTimerId(checkId) }, { clear: placementTimerId(checkId) }];
      case 'BackgroundCheckConsentGiven':
        return [
          {
            set: {
              timerId: placementTimerId(checkId),
              kind: ORDER_PLACEMENT,
              streamName: candidateStreamName(candidateId),
              dueAt: event.data.givenAt,
              data: { candidateId, checkId },
            },
          },
        ];
      case 'BackgroundCheckOrdered':
      case 'BackgroundCheckConsentWithdrawn':
      case 'BackgroundCheckCompleted':
        return [{ clear: placementTimerId(checkId) }];
      default:
        return [];
    }
  },
});

/** The command a due timer fires, at `now`; undefined for a timer this service does not know. */
export function commandForTimer(timer: DueTimer, now: string): EndAdverseActionWindow | undefined {
  const { candidateId, checkId, windowEndsAt } = timer.data;
  if (
    timer.kind !== ADVERSE_ACTION_WINDOW ||
    typeof candidateId !== 'string' ||
    typeof checkId !== 'string' ||
    typeof windowEndsAt !== 'string'
  ) {
    return undefined;
  }
  return { type: 'EndAdverseActionWindow', data: { candidateId, checkId, windowEndsAt, now } };
}

/** The check whose order a due placement timer places; undefined for any other timer. */
export function orderToPlace(
  timer: DueTimer,
): Readonly<{ candidateId: string; checkId: string }> | undefined {
  const { candidateId, checkId } = timer.data;
  if (timer.kind !== ORDER_PLACEMENT || typeof candidateId !== 'string') return undefined;
  return typeof checkId === 'string' ? { candidateId, checkId } : undefined;
}

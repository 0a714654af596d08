import { candidateStreamName, type BackgroundChecksEvent } from '@hirestream/contracts';
import { timerSchedule, type DueTimer } from '@hirestream/event-sourcing';
import type { EndAdverseActionWindow } from './background-check.commands';

/** The one kind of timer the service sets: the end of an adverse-action waiting window. */
export const ADVERSE_ACTION_WINDOW = 'adverse-action-window';

const windowTimerId = (checkId: string) => `${ADVERSE_ACTION_WINDOW}:${checkId}`;

const TIMER_EVENT_TYPES = [
  'PreAdverseActionNoticeSent',
  'AdverseActionDisputed',
  'AdverseActionDisputeResolved',
  'AdverseActionWindowElapsed',
  'FinalAdverseActionTaken',
  'BackgroundCheckCancelled',
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
 * The service's durable timers: a pre-adverse-action notice sets the window's
 * end; a dispute clears it (the window is paused); an upheld dispute sets it
 * again at the resumed end; a correction, the window's end, the final action
 * or the check's cancellation clear it.
 */
export const backgroundCheckTimerSchedule = timerSchedule<BackgroundChecksEvent>({
  name: 'background-check-timers',
  version: 1,
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
      case 'BackgroundCheckCancelled':
        return [{ clear: windowTimerId(checkId) }];
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

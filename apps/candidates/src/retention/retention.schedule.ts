import {
  candidateStreamName,
  type CandidateEvent,
  type PersonalDataEvent,
  type RetentionPolicyVersion,
} from '@hirestream/contracts';
import {
  timerSchedule,
  type DueTimer,
  type RecordedEvent,
  type TimerChange,
} from '@hirestream/event-sourcing';
import { addMonths, MIN_KEEP_MONTHS } from '../domain/retention';

/** The kind of the one timer the candidates service sets. */
export const RETENTION = 'personal-data-retention';

/** Why a retention timer is due: its first look, the policy's time, or the consent's end. */
export const RETENTION_LOOKS = ['first-look', 'policy', 'consent'] as const;
export type RetentionLook = (typeof RETENTION_LOOKS)[number];

export type RetentionScheduleEvent = CandidateEvent | PersonalDataEvent;

const timerIdOf = (candidateId: string) => `${RETENTION}:${candidateId}`;

const SCHEDULE_TYPES = [
  'CandidateRejected',
  'CandidateWithdrew',
  'PersonalDataRetentionScheduled',
  'PersonalDataErased',
] as const;

function changesOf({ event, metadata }: RecordedEvent<RetentionScheduleEvent>): TimerChange[] {
  switch (event.type) {
    case 'CandidateRejected':
    case 'CandidateWithdrew': {
      const { candidateId } = event.data;
      return [
        {
          set: {
            timerId: timerIdOf(candidateId),
            kind: RETENTION,
            streamName: candidateStreamName(candidateId),
            dueAt: addMonths(metadata.occurredAt, MIN_KEEP_MONTHS),
            data: {
              candidateId,
              closedAt: metadata.occurredAt,
              look: 'first-look',
              policyId: null,
              policyVersion: null,
              jurisdiction: null,
            },
          },
        },
      ];
    }
    case 'PersonalDataRetentionScheduled': {
      const { candidateId, closedAt, eraseAt, cause, policy } = event.data;
      return [
        {
          set: {
            timerId: timerIdOf(candidateId),
            kind: RETENTION,
            streamName: candidateStreamName(candidateId),
            dueAt: eraseAt,
            data: {
              candidateId,
              closedAt,
              look: cause,
              policyId: policy.id,
              policyVersion: policy.version,
              jurisdiction: policy.jurisdiction,
            },
          },
        },
      ];
    }
    case 'PersonalDataErased':
      return [{ clear: timerIdOf(event.data.candidateId) }];
    default:
      return [];
  }
}

/**
 * A rejected or withdrawn candidacy's personal data is looked at one month
 * after the decision (`MIN_KEEP_MONTHS`: the decision's event does not name the
 * job, so not its policy either); the look erases it or schedules the erasure
 * (`PersonalDataRetentionScheduled`, which moves the timer), and each later
 * look does the same until it is erased, which clears the timer.
 */
export const retentionSchedule = timerSchedule<RetentionScheduleEvent>({
  name: RETENTION,
  version: 1,
  select: { eventTypes: SCHEDULE_TYPES },
  eventTypes: new Set(SCHEDULE_TYPES),
  changes: changesOf,
});

/** A retention timer read back: the candidacy, when it was closed, which look, and the policy that set it. */
export type RetentionLookDue = Readonly<{
  candidateId: string;
  closedAt: string;
  look: RetentionLook;
  policy: RetentionPolicyVersion | null;
}>;

const isLook = (value: unknown): value is RetentionLook =>
  RETENTION_LOOKS.some((look) => look === value);

/** What a retention timer looks at; undefined for a timer of another kind or shape. */
export function retentionLookOf(
  timer: Pick<DueTimer, 'kind' | 'data'>,
): RetentionLookDue | undefined {
  const { candidateId, closedAt, look, policyId, policyVersion, jurisdiction } = timer.data;
  if (
    timer.kind !== RETENTION ||
    typeof candidateId !== 'string' ||
    typeof closedAt !== 'string' ||
    !isLook(look)
  ) {
    return undefined;
  }
  const policy =
    typeof policyId === 'string' &&
    typeof policyVersion === 'number' &&
    typeof jurisdiction === 'string'
      ? { id: policyId, version: policyVersion, jurisdiction }
      : null;
  return { candidateId, closedAt, look, policy };
}

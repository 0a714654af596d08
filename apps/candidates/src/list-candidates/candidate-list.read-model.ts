import type { CandidateEvent, CandidateStage } from '@hirestream/contracts';
import type { RecordedEvent } from '@hirestream/event-sourcing';

/** One row of the candidate list. */
export type CandidateListRow = Readonly<{
  id: string;
  fullName: string;
  jobId: string;
  stage: CandidateStage;
  registeredAt: string;
  updatedAt: string;
  /** The data keys the name is kept sealed under: the registration's (none for one stored plain). */
  nameKeyIds: readonly string[];
}>;

/** What a batch of events changes in the list: rows to add, and rows to move on. */
export type CandidateListChanges = Readonly<{
  inserts: readonly CandidateListRow[];
  updates: readonly Readonly<{ id: string; stage: CandidateStage | null; updatedAt: string }>[];
}>;

/** The stage an event leaves the candidate in, or null when it leaves the stage alone. */
function stageAfter(event: CandidateEvent): CandidateStage | null {
  switch (event.type) {
    case 'CandidateRegistered':
      return 'applied';
    case 'CandidateStageChanged':
      return event.data.to;
    case 'CandidateRejected':
      return 'rejected';
    case 'CandidateWithdrew':
      return 'withdrawn';
    case 'CandidateHired':
      return 'hired';
    case 'ScreeningRecorded':
      return null;
  }
}

/**
 * The candidate list's fold, pure: a batch of candidate events as the rows to
 * insert (registrations, with whatever else the batch did to them) and the
 * newest stage and update time of the other candidates the batch touched.
 */
export function candidateListChanges(
  events: readonly RecordedEvent<CandidateEvent>[],
): CandidateListChanges {
  const inserted = new Map<string, CandidateListRow>();
  const updated = new Map<
    string,
    { id: string; stage: CandidateStage | null; updatedAt: string }
  >();
  for (const recorded of events) {
    const { event, metadata } = recorded;
    const id = event.data.candidateId;
    const at = metadata.occurredAt;
    const stage = stageAfter(event);
    if (event.type === 'CandidateRegistered') {
      const { fullName, jobId } = event.data;
      inserted.set(id, {
        id,
        fullName,
        jobId,
        stage: 'applied',
        registeredAt: at,
        updatedAt: at,
        nameKeyIds: recorded.personalData?.keyIds ?? [],
      });
      continue;
    }
    const row = inserted.get(id);
    if (row !== undefined) {
      inserted.set(id, { ...row, stage: stage ?? row.stage, updatedAt: at });
    } else {
      updated.set(id, { id, stage: stage ?? updated.get(id)?.stage ?? null, updatedAt: at });
    }
  }
  return { inserts: [...inserted.values()], updates: [...updated.values()] };
}

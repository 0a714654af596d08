import { candidateIdOfStream } from '@hirestream/contracts';
import { foldEvents, type RecordedEvent } from '@hirestream/event-sourcing';
import { interviewDecider, type CandidateStreamEvent } from '../domain/interview.decider';
import type { CandidateInterviews, Interview } from '../domain/interview.state';

/** One candidate's interviews as of `revision`, the revision of their whole stream. */
export type CandidateInterviewsRead = Readonly<{ state: CandidateInterviews; revision: bigint }>;

export type InterviewOfCandidate = Readonly<{ candidateId: string; interview: Interview }>;

/**
 * Every candidate's interviews in memory, folded with the interview decider's
 * own `evolve` from every event of the candidate streams (so the revision is
 * the stream's, usable for `If-Match`), and which candidates each interviewer
 * sits on a panel for. Eventually consistent; commands never trust it.
 */
export class InterviewsProjection {
  private readonly byCandidate = new Map<string, CandidateInterviewsRead>();
  private readonly candidatesByInterviewer = new Map<string, Set<string>>();
  /** Revisions this service wrote and the projection has not applied yet, by candidate. */
  private readonly pending = new Map<string, bigint>();
  private readonly listeners = new Set<() => void>();

  apply({ streamName, event, revision }: RecordedEvent<CandidateStreamEvent>): void {
    const candidateId = candidateIdOfStream(streamName);
    if (candidateId === undefined) return;
    const current = this.byCandidate.get(candidateId)?.state ?? interviewDecider.initialState();
    this.byCandidate.set(candidateId, {
      state: foldEvents(interviewDecider, [event], current),
      revision,
    });
    if (event.type === 'InterviewScheduled') this.indexPanels(candidateId, [event.data]);
    if (event.type === 'InterviewDayScheduled') this.indexPanels(candidateId, event.data.sessions);
    const awaited = this.pending.get(candidateId);
    if (awaited !== undefined && revision >= awaited) this.pending.delete(candidateId);
    for (const listener of [...this.listeners]) listener();
  }

  /** Undefined until the candidate's stream has an event the projection has seen. */
  candidate(candidateId: string): CandidateInterviewsRead | undefined {
    return this.byCandidate.get(candidateId);
  }

  /** Every interview, of any status, on whose panel the interviewer sits. */
  interviewsOf(interviewerId: string): InterviewOfCandidate[] {
    const found: InterviewOfCandidate[] = [];
    for (const candidateId of this.candidatesByInterviewer.get(interviewerId) ?? []) {
      for (const interview of this.byCandidate.get(candidateId)?.state.interviews.values() ?? []) {
        if (interview.panel.some((member) => member.interviewerId === interviewerId)) {
          found.push({ candidateId, interview });
        }
      }
    }
    return found;
  }

  /** This service appended `revision` to the candidate's stream: reads should wait for it. */
  noteWritten(candidateId: string, revision: bigint): void {
    if ((this.byCandidate.get(candidateId)?.revision ?? -1n) >= revision) return;
    if ((this.pending.get(candidateId) ?? -1n) < revision) this.pending.set(candidateId, revision);
  }

  /**
   * Resolves once the writes noted so far for the candidate (or for anyone,
   * without one) are applied, so a caller reads its own writes; writes noted
   * later are not waited for. After `timeoutMs` the read answers with what it
   * has, and those writes are no longer waited for by anyone.
   */
  afterOwnWrites(timeoutMs: number, candidateId?: string): Promise<void> {
    const awaited: [string, bigint][] =
      candidateId === undefined
        ? [...this.pending]
        : this.pending.has(candidateId)
          ? [[candidateId, this.pending.get(candidateId)!]]
          : [];
    const done = () =>
      awaited.every(([id, revision]) => (this.byCandidate.get(id)?.revision ?? -1n) >= revision);
    if (done()) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      const check = () => {
        if (done()) finish();
      };
      const timer = setTimeout(() => {
        for (const [id, revision] of awaited) {
          if ((this.pending.get(id) ?? -1n) <= revision) this.pending.delete(id);
        }
        finish();
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  private indexPanels(
    candidateId: string,
    interviews: readonly Readonly<{ panel: Interview['panel'] }>[],
  ): void {
    for (const { panel } of interviews) {
      for (const { interviewerId } of panel) {
        const candidates = this.candidatesByInterviewer.get(interviewerId) ?? new Set<string>();
        candidates.add(candidateId);
        this.candidatesByInterviewer.set(interviewerId, candidates);
      }
    }
  }
}

import { candidateIdOfStream } from '@hirestream/contracts';
import { foldEvents, type RecordedEvent } from '@hirestream/event-sourcing';
import { interviewDecider, type CandidateStreamEvent } from '../domain/interview.decider';
import type { CandidateInterviews, Interview } from '../domain/interview.state';

/** One candidate's interviews as of `revision`, the revision of their whole stream. */
export type CandidateInterviewsRead = Readonly<{ state: CandidateInterviews; revision: bigint }>;

export type InterviewOfCandidate = Readonly<{ candidateId: string; interview: Interview }>;

/**
 * Every candidate's interviews, folded with the interview decider's own
 * `evolve` from every event of the candidate streams (so the revision is the
 * stream's, usable for `If-Match`), and which candidates each interviewer sits
 * on a panel for. Pure: it folds events and answers queries; commands never trust it.
 */
export class InterviewIndex {
  private readonly byCandidate = new Map<string, CandidateInterviewsRead>();
  private readonly candidatesByInterviewer = new Map<string, Set<string>>();

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
  }

  /** Undefined until the candidate's stream has an event the index has seen. */
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

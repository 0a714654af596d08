import type { PanelRole } from '@hirestream/contracts';
import { foldEvents, type RecordedEvent } from '@hirestream/event-sourcing';
import { interviewDecider, type CandidateStreamEvent } from '../domain/interview.decider';
import type { CandidateInterviews } from '../domain/interview.state';

/** One seat on an interview's panel, as the interviewers' reads find it. */
export type PanelSeat = Readonly<{
  interviewerId: string;
  candidateId: string;
  interviewId: string;
  role: PanelRole;
  startsAt: string;
  endsAt: string;
}>;

/**
 * Folds a batch of one candidate's stream events onto what the index held of
 * them, with the interview decider's own `evolve`, so reads and commands read
 * events alike. Pure.
 */
export function foldCandidate(
  held: CandidateInterviews | undefined,
  events: readonly RecordedEvent<CandidateStreamEvent>[],
): CandidateInterviews {
  return foldEvents(
    interviewDecider,
    events.map((recorded) => recorded.event),
    held ?? interviewDecider.initialState(),
  );
}

/** Every panel seat of a candidate's interviews, of any status. */
export function panelSeatsOf(candidateId: string, state: CandidateInterviews): PanelSeat[] {
  return [...state.interviews.values()].flatMap((interview) =>
    interview.panel.map(({ interviewerId, role }) => ({
      interviewerId,
      candidateId,
      interviewId: interview.interviewId,
      role,
      startsAt: interview.startsAt,
      endsAt: interview.endsAt,
    })),
  );
}

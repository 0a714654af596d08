import type { InterviewKind, PanelRole } from './interview-vocabulary';
import type { InterviewEvent } from './scheduling-contracts';

/*
 * The scheduling service's facts as other services read them from the shared
 * candidate stream: which interviews exist, their kind and round, who sits on
 * the panel, and how each ended. One definition for every decider (assessment's
 * feedback, a later service's checks), as the candidacy fold is for stages.
 */

export type InterviewOutcome = 'open' | 'completed' | 'cancelled' | 'no-show';

export type InterviewFact = Readonly<{
  interviewId: string;
  kind: InterviewKind;
  round: number;
  panel: readonly Readonly<{ interviewerId: string; role: PanelRole }>[];
  outcome: InterviewOutcome;
  /** When it was scheduled to start, at its latest time. */
  startsAt: string;
}>;

/** The candidate's interviews by id, in the order they were scheduled. */
export type InterviewFacts = ReadonlyMap<string, InterviewFact>;

export const NO_INTERVIEWS: InterviewFacts = new Map();

/** The event types the interview fold reads. */
export const INTERVIEW_FACT_EVENT_TYPES: ReadonlySet<InterviewEvent['type']> = new Set([
  'InterviewScheduled',
  'InterviewDayScheduled',
  'InterviewDayRescheduled',
  'InterviewConfirmed',
  'InterviewRescheduled',
  'InterviewCancelled',
  'NoShowRecorded',
  'InterviewCompleted',
]);

function withFact(facts: InterviewFacts, fact: InterviewFact): InterviewFacts {
  return new Map(facts).set(fact.interviewId, fact);
}

function changed(
  facts: InterviewFacts,
  interviewId: string,
  change: Partial<Pick<InterviewFact, 'outcome' | 'startsAt'>>,
): InterviewFacts {
  const fact = facts.get(interviewId);
  return fact === undefined ? facts : withFact(facts, { ...fact, ...change });
}

/** Folds one of the scheduling service's candidate-stream events into the candidate's interviews. */
export function evolveInterviewFacts(facts: InterviewFacts, event: InterviewEvent): InterviewFacts {
  switch (event.type) {
    case 'InterviewScheduled': {
      const { interviewId, kind, round, panel, startsAt } = event.data;
      return withFact(facts, { interviewId, kind, round, panel, outcome: 'open', startsAt });
    }
    case 'InterviewDayScheduled':
      return event.data.sessions.reduce(
        (folded, { interviewId, kind, round, panel, startsAt }) =>
          withFact(folded, { interviewId, kind, round, panel, outcome: 'open', startsAt }),
        facts,
      );
    case 'InterviewDayRescheduled':
      return event.data.sessions.reduce(
        (folded, session) => changed(folded, session.interviewId, { startsAt: session.startsAt }),
        facts,
      );
    case 'InterviewRescheduled':
      return changed(facts, event.data.interviewId, { startsAt: event.data.startsAt });
    case 'InterviewCancelled':
      return changed(facts, event.data.interviewId, { outcome: 'cancelled' });
    case 'NoShowRecorded':
      // Whoever was absent, the interview did not take place as planned and asks no feedback.
      return changed(facts, event.data.interviewId, { outcome: 'no-show' });
    case 'InterviewCompleted':
      return changed(facts, event.data.interviewId, { outcome: 'completed' });
    case 'InterviewConfirmed':
      return facts;
    default: {
      const unexpected: never = event;
      return unexpected;
    }
  }
}

/** Whether the person sits on the interview's panel. */
export function sitsOnPanel(fact: InterviewFact, interviewerId: string): boolean {
  return fact.panel.some((member) => member.interviewerId === interviewerId);
}

import {
  AggregateNotFoundError,
  CommandRejectedError,
  type CandidateAssessmentEvent,
} from '@hirestream/contracts';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import { isSettledRefusal, panelDecisionReaction } from './panel-decision.reaction';

const candidateId = 'c-1';
const commandsFor = (event: CandidateAssessmentEvent) => panelDecisionReaction.commandsFor(event);
const { decided } = candidateStreamFacts(candidateId);

describe('panel decision reaction', () => {
  it('moves a candidate advanced to background check or offer to that stage', () => {
    expect(commandsFor(decided({ advanceTo: 'offer' }))).toEqual([
      { type: 'MoveCandidateToStage', data: { candidateId, to: 'offer' } },
    ]);
    expect(commandsFor(decided({ advanceTo: 'background-check' }))).toEqual([
      { type: 'MoveCandidateToStage', data: { candidateId, to: 'background-check' } },
    ]);
  });

  it('rejects a rejected candidate, by us, with the rationale as the reason and their feedback', () => {
    expect(
      commandsFor(
        decided({
          decision: 'reject',
          advanceTo: null,
          rationale: 'Design depth below the bar',
          feedbackForCandidate: 'Practise trade-offs aloud.',
        }),
      ),
    ).toEqual([
      {
        type: 'RejectCandidate',
        data: {
          candidateId,
          category: 'rejected-by-us',
          reason: 'Design depth below the bar',
          feedbackForCandidate: 'Practise trade-offs aloud.',
        },
      },
    ]);
  });

  it('does nothing for another round, a hold, or any other assessment event', () => {
    expect(commandsFor(decided({ advanceTo: 'next-round' }))).toEqual([]);
    expect(commandsFor(decided({ decision: 'hold', advanceTo: null }))).toEqual([]);
    expect(
      commandsFor({
        type: 'FeedbackRevealed',
        data: {
          candidateId,
          readerId: 'recruiter-1',
          readerRole: 'recruiter',
          revealed: [{ interviewId: 'i-1', interviewerId: 'grace' }],
        },
      }),
    ).toEqual([]);
  });

  it('takes a candidate already in the stage, or a closed candidacy, as nothing more to do', () => {
    expect(isSettledRefusal(new CommandRejectedError('already-in-stage', 'in offer'))).toBe(true);
    expect(isSettledRefusal(new CommandRejectedError('candidacy-closed', 'withdrawn'))).toBe(true);
    expect(isSettledRefusal(new CommandRejectedError('stage-move-not-allowed', 'no'))).toBe(false);
    expect(isSettledRefusal(new AggregateNotFoundError('no such candidate'))).toBe(false);
  });
});

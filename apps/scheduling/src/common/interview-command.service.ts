import { candidateStreamName } from '@hirestream/contracts';
import {
  AggregateNotFoundError,
  decidedEvents,
  EventStore,
  ExpectedRevisionMismatchError,
  foldEvents,
  handleCommand,
  type CommandContext,
} from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import type { InterviewCommand } from '../domain/interview.commands';
import { interviewDecider, type CandidateStreamEvent } from '../domain/interview.decider';
import type { CandidateInterviews } from '../domain/interview.state';

export type InterviewCommandOutcome = Readonly<{ state: CandidateInterviews; revision: bigint }>;

/** Runs interview commands against the candidate's stream (see `handleCommand`). */
@Injectable()
export class InterviewCommandService {
  constructor(private readonly store: EventStore) {}

  /** The candidate's stream folded, for reads and for deciding what a command touches. */
  async load(candidateId: string): Promise<InterviewCommandOutcome> {
    const { events, revision } = await this.store.readStream<CandidateStreamEvent>(
      candidateStreamName(candidateId),
    );
    if (revision === undefined) {
      throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
    }
    const state = foldEvents(
      interviewDecider,
      events.map((recorded) => recorded.event),
    );
    return { state, revision };
  }

  /**
   * Decides the command without appending, so a request the candidate's rules
   * refuse is answered before any interviewer's calendar is touched.
   */
  async check(command: InterviewCommand, expectedRevision?: bigint): Promise<CandidateInterviews> {
    const { state, revision } = await this.load(command.data.candidateId);
    if (expectedRevision !== undefined && expectedRevision !== revision) {
      throw new ExpectedRevisionMismatchError(expectedRevision, revision);
    }
    decidedEvents(interviewDecider.decide(command, state));
    return state;
  }

  async execute(
    command: InterviewCommand,
    context: CommandContext,
    expectedRevision?: bigint,
  ): Promise<InterviewCommandOutcome> {
    const result = await handleCommand(
      this.store,
      interviewDecider,
      candidateStreamName(command.data.candidateId),
      command,
      context,
      { expectedRevision },
    );
    if (result.revision === undefined) {
      throw new AggregateNotFoundError(`candidate ${command.data.candidateId} does not exist`);
    }
    return { state: result.newState, revision: result.revision };
  }
}

import { candidateStreamName } from '@hirestream/contracts';
import {
  AggregateNotFoundError,
  decidedEvents,
  EventStore,
  ExpectedRevisionMismatchError,
  handleCommand,
  loadStream,
  type CommandContext,
} from '@hirestream/event-sourcing';
import { Injectable } from '@nestjs/common';
import type { InterviewCommand } from '../domain/interview.commands';
import { interviewDecider, type CandidateStreamEvent } from '../domain/interview.decider';
import type { CandidateInterviews } from '../domain/interview.state';
import { InterviewsProjectionSubscription } from '../interviews-projection/interviews-projection.subscription';

export type InterviewCommandOutcome = Readonly<{ state: CandidateInterviews; revision: bigint }>;

/** The stream a command was checked against, and the events it decided there. */
export type CheckedInterviewCommand = InterviewCommandOutcome &
  Readonly<{ events: readonly CandidateStreamEvent[] }>;

/** Runs interview commands against the candidate's stream (see `handleCommand`). */
@Injectable()
export class InterviewCommandService {
  constructor(
    private readonly store: EventStore,
    // Reads of the interviews projection wait for what this service wrote.
    private readonly reads: InterviewsProjectionSubscription,
  ) {}

  /** The candidate's stream folded, for reads and for deciding what a command touches. */
  async load(candidateId: string): Promise<InterviewCommandOutcome> {
    const { state, revision } = await loadStream(
      this.store,
      interviewDecider,
      candidateStreamName(candidateId),
    );
    if (revision === undefined) {
      throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
    }
    return { state, revision };
  }

  /**
   * Decides the command without appending, so a request the candidate's rules
   * refuse is answered before any interviewer's calendar is touched. Returns
   * the stream it decided on, which `execute` can append to without reading it
   * again, and the events decided (what a command changes tells which calendars move).
   */
  async checkLoaded(
    command: InterviewCommand,
    expectedRevision?: bigint,
  ): Promise<CheckedInterviewCommand> {
    const loaded = await this.load(command.data.candidateId);
    if (expectedRevision !== undefined && expectedRevision !== loaded.revision) {
      throw new ExpectedRevisionMismatchError(expectedRevision, loaded.revision);
    }
    return { ...loaded, events: decidedEvents(interviewDecider.decide(command, loaded.state)) };
  }

  /**
   * With `checked` (from `checkLoaded`), the first attempt appends at its
   * revision; if the stream moved on meanwhile, it reads and decides again,
   * unless the caller gave an expected revision.
   */
  async execute(
    command: InterviewCommand,
    context: CommandContext,
    expectedRevision?: bigint,
    checked?: InterviewCommandOutcome,
  ): Promise<InterviewCommandOutcome> {
    const result = await handleCommand(
      this.store,
      interviewDecider,
      candidateStreamName(command.data.candidateId),
      command,
      context,
      { expectedRevision, loaded: checked },
    );
    if (result.revision === undefined) {
      throw new AggregateNotFoundError(`candidate ${command.data.candidateId} does not exist`);
    }
    this.reads.projection.noteWritten(command.data.candidateId, result.revision);
    return { state: result.newState, revision: result.revision };
  }
}

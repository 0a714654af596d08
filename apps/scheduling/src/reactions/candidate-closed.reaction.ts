import {
  serviceEventsTopic,
  type CandidateRejected,
  type CandidateWithdrew,
} from '@hirestream/contracts';
import type { CommandContext } from '@hirestream/event-sourcing';
import {
  consumedMessageOf,
  IdempotentEventConsumer,
  type IncomingEvent,
} from '@hirestream/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { CLOSED_INTERVIEW_STATUSES } from '../domain/interview.state';
import { SCHEDULING_SYSTEM_ACTOR } from '../common/command-context';
import { InterviewCommandService } from '../common/interview-command.service';
import { InterviewerCalendars } from '../common/interviewer-calendars.service';

/** The consumer group, and the processed-events stream `processed-scheduling`. */
export const CONSUMER_GROUP = 'scheduling';

type ClosedCandidacy = Readonly<{ candidateId: string; reason: string }>;

/** A blank reason would be refused (`reason-required`) and dead-letter the event. */
function reasonOr(given: string | null, fallback: string): string {
  const trimmed = given?.trim() ?? '';
  return trimmed === '' ? fallback : trimmed;
}

/** The candidacy an event closes, or null for the events this reaction ignores. */
function closedCandidacy(event: IncomingEvent): ClosedCandidacy | null {
  // The consumer has already checked the data against the event type's JSON schema.
  switch (event.type) {
    case 'CandidateRejected': {
      const data = event.data as CandidateRejected['data'];
      return {
        candidateId: data.candidateId,
        reason: reasonOr(data.reason, 'the candidate was rejected'),
      };
    }
    case 'CandidateWithdrew': {
      const data = event.data as CandidateWithdrew['data'];
      return {
        candidateId: data.candidateId,
        reason: reasonOr(data.reason, 'the candidate withdrew'),
      };
    }
    default:
      return null;
  }
}

/**
 * When a candidate is rejected or withdraws, every interview of theirs still
 * open is cancelled with that reason and its panel's calendars are freed, as
 * the HTTP cancellation does: recorded first, freed after. The consumer skips
 * a redelivered event; the reaction is idempotent on its own as well, for a
 * retry after a partial run.
 */
@Controller()
export class CandidateClosedReaction {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    private readonly interviews: InterviewCommandService,
    private readonly calendars: InterviewerCalendars,
  ) {}

  @EventPattern<string>(serviceEventsTopic('candidates'))
  async onCandidateEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      this.react(event),
    );
  }

  private async react(event: IncomingEvent): Promise<void> {
    const closed = closedCandidacy(event);
    if (closed === null) return;
    const { candidateId, reason } = closed;
    const context: CommandContext = {
      actor: SCHEDULING_SYSTEM_ACTOR,
      correlationId: event.correlationId,
      causationId: event.id,
    };
    let { state } = await this.interviews.load(candidateId);
    for (const interview of state.interviews.values()) {
      if (CLOSED_INTERVIEW_STATUSES.has(interview.status)) continue;
      ({ state } = await this.interviews.execute(
        {
          type: 'CancelInterview',
          data: { candidateId, interviewId: interview.interviewId, reason },
        },
        context,
      ));
    }
    // Every cancelled interview, not only those just cancelled: a retry after a
    // failure between recording and freeing finds them cancelled but still held.
    // Releasing a slot that is not held appends nothing.
    for (const interview of state.interviews.values()) {
      if (interview.status !== 'cancelled') continue;
      await this.calendars.release(
        interview.panel.map((member) => member.interviewerId),
        interview.interviewId,
        interview.cancellationReason ?? reason,
        context,
      );
    }
  }
}

import { serviceEventsTopic } from '@hirestream/contracts';
import type { CommandContext } from '@hirestream/event-sourcing';
import {
  consumedMessageOf,
  IdempotentEventConsumer,
  react,
  type IncomingEvent,
} from '@hirestream/messaging';
import { Clock, JsonLogger } from '@hirestream/platform';
import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext } from '@nestjs/microservices';
import { BACKGROUND_CHECKS, type BackgroundCheckGateway } from '../background-check-gateway';
import { BACKGROUND_CHECKS_ACTOR } from '../background-checks-actor';
import { CHECK_POLICIES } from '../checks/check-policies.provider';
import type { BackgroundCheckCommand } from '../domain/background-check.commands';
import type { CheckPolicies } from '../domain/check-policies';
import {
  candidacyChecksReaction,
  isSettledRefusal,
  type CandidacyCheckCommand,
} from './candidacy-checks.reaction';

/** The candidates service's events, turned into started and cancelled checks. */
@Controller()
export class CandidateEventsConsumer {
  constructor(
    private readonly consumer: IdempotentEventConsumer,
    @Inject(BACKGROUND_CHECKS) private readonly checks: BackgroundCheckGateway,
    @Inject(CHECK_POLICIES) private readonly policies: CheckPolicies,
    private readonly clock: Clock,
    private readonly logger: JsonLogger,
  ) {}

  @EventPattern<string>(serviceEventsTopic('candidates'))
  async onCandidateEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(consumedMessageOf(context), context.getProducer(), (event) =>
      react(candidacyChecksReaction, event, BACKGROUND_CHECKS_ACTOR, (command, commandContext) =>
        this.carryOut(command, commandContext, event),
      ),
    );
  }

  private async carryOut(
    command: CandidacyCheckCommand,
    context: CommandContext,
    event: IncomingEvent,
  ): Promise<void> {
    const decided: BackgroundCheckCommand =
      command.type === 'StartCheck'
        ? {
            type: 'InitiateBackgroundCheck',
            data: {
              candidateId: command.data.candidateId,
              // The stage change's id: a redelivery names the same check, which is open already.
              checkId: event.id,
              now: this.clock.instant(),
              policies: this.policies,
            },
          }
        : command;
    try {
      await this.checks.handle(decided, context);
    } catch (error) {
      if (!isSettledRefusal(error)) throw error;
      this.logger.pino.info(
        { context: candidacyChecksReaction.name, eventId: event.id, rule: error.rule },
        `${event.type} needs nothing more: ${error.message}`,
      );
    }
  }
}

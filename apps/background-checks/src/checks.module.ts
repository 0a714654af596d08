import { EventConsumerModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';
import { AdverseActionController } from './adverse-action/adverse-action.controller';
import { backgroundCheckGatewayProvider } from './background-check-gateway';
import { CancelCheckController } from './cancel-check/cancel-check.controller';
import { CheckItemsController } from './check-items/check-items.controller';
import { checkPoliciesProvider } from './checks/check-policies.provider';
import { ConsentController } from './consent/consent.controller';
import { CONSUMER_GROUP } from './consumer-group';
import { InitiateCheckController } from './initiate-check/initiate-check.controller';
import { CandidateEventsConsumer } from './reactions/candidate-events.consumer';
import { ReadCheckController } from './read-check/read-check.controller';

/**
 * The checks themselves: the policies, the HTTP API (recruiters and admins
 * operate, the candidate consents and disputes, auditors read), the reactions
 * to the candidacy (a check starts with the stage and stops when it closes).
 * Exports the gateway and the policies to the provider's and the timers' modules.
 */
@Module({
  imports: [EventConsumerModule.forGroup(CONSUMER_GROUP)],
  controllers: [
    ReadCheckController,
    InitiateCheckController,
    ConsentController,
    CheckItemsController,
    AdverseActionController,
    CancelCheckController,
    CandidateEventsConsumer,
  ],
  providers: [backgroundCheckGatewayProvider, checkPoliciesProvider],
  exports: [backgroundCheckGatewayProvider, checkPoliciesProvider],
})
export class ChecksModule {}

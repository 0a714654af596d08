import { EventStoreModule } from '@hirestream/event-sourcing';
import { EventRelayModule, KafkaModule } from '@hirestream/messaging';
import { Module } from '@nestjs/common';
import { GetCandidateHistoryController } from './get-candidate-history/get-candidate-history.controller';
import { GetCandidateController } from './get-candidate/get-candidate.controller';
import { CandidateListSubscription } from './list-candidates/candidate-list.subscription';
import { ListCandidatesController } from './list-candidates/list-candidates.controller';
import { MoveCandidateStageController } from './move-candidate-stage/move-candidate-stage.controller';
import { RecordScreeningController } from './record-screening/record-screening.controller';
import { RegisterCandidateController } from './register-candidate/register-candidate.controller';
import { RejectCandidateController } from './reject-candidate/reject-candidate.controller';
import { CandidateCommandService } from './common/candidate-command.service';
import { CandidateReader } from './common/candidate-reader.service';
import { WithdrawCandidateController } from './withdraw-candidate/withdraw-candidate.controller';

export const SERVICE = 'candidates';

@Module({
  imports: [EventStoreModule, KafkaModule.forService(SERVICE), EventRelayModule],
  controllers: [
    RegisterCandidateController,
    RecordScreeningController,
    MoveCandidateStageController,
    RejectCandidateController,
    WithdrawCandidateController,
    GetCandidateController,
    GetCandidateHistoryController,
    ListCandidatesController,
  ],
  providers: [CandidateCommandService, CandidateReader, CandidateListSubscription],
})
export class CandidatesModule {}

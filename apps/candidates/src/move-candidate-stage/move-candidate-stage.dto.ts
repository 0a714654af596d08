import { CANDIDATE_STAGES, type CandidateStage } from '@hirestream/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class MoveCandidateStageDto {
  @ApiProperty({
    enum: CANDIDATE_STAGES,
    description: 'The stage to move to; only forward moves the process allows',
  })
  @IsIn(CANDIDATE_STAGES)
  to!: CandidateStage;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IDENTIFIER } from '../common/booking.dto';
import { TimeRange } from '../common/time-range.query';

const STEPS = [5, 10, 15, 20, 30, 60] as const;

export class FindTimesDto extends TimeRange {
  @ApiProperty({ type: [String], example: ['interviewer-7', 'interviewer-9'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(IDENTIFIER, { each: true, message: 'panel must hold interviewer identifiers' })
  panel!: string[];

  @ApiProperty({ minimum: 15, maximum: 480, example: 60 })
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes!: number;

  @ApiPropertyOptional({ description: "Also avoid the candidate's own open interviews" })
  @IsOptional()
  @IsUUID()
  candidateId?: string;

  @ApiPropertyOptional({
    enum: STEPS,
    default: 15,
    description: 'Proposals start on these minutes',
  })
  @IsOptional()
  @IsIn(STEPS)
  stepMinutes = 15;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxProposals = 10;
}

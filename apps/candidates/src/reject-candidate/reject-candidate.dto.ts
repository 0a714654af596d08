import { REJECTION_CATEGORIES, type RejectionCategory } from '@hirestream/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export class RejectCandidateDto {
  @ApiProperty({ enum: REJECTION_CATEGORIES })
  @IsIn(REJECTION_CATEGORIES)
  category!: RejectionCategory;

  @ApiProperty({
    description: 'Why, for the record (not shown to the candidate)',
    maxLength: 2_000,
  })
  @IsString()
  @Length(1, 2_000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;

  @ApiPropertyOptional({
    description: 'Constructive feedback the candidate is sent',
    maxLength: 5_000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  feedbackForCandidate?: string;
}

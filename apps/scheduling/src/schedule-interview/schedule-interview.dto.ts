import {
  INTERVIEW_FORMATS,
  INTERVIEW_KINDS,
  PANEL_ROLES,
  type InterviewFormat,
  type InterviewKind,
  type PanelRole,
} from '@hirestream/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IDENTIFIER, OverrideDto, UTC_INSTANT } from '../common/booking.dto';

export class PanelMemberDto {
  @ApiProperty({ example: 'interviewer-7' })
  @IsString()
  @Length(1, 100)
  @Matches(IDENTIFIER, {
    message: 'interviewerId must be an identifier (letters, digits, . _ : -)',
  })
  interviewerId!: string;

  @ApiProperty({ enum: PANEL_ROLES })
  @IsIn(PANEL_ROLES)
  role!: PanelRole;
}

export class ScheduleInterviewDto {
  @ApiProperty({ enum: INTERVIEW_KINDS })
  @IsIn(INTERVIEW_KINDS)
  kind!: InterviewKind;

  @ApiProperty({ minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1)
  @Max(20)
  round!: number;

  @ApiProperty({ enum: INTERVIEW_FORMATS })
  @IsIn(INTERVIEW_FORMATS)
  format!: InterviewFormat;

  @ApiProperty({ example: '2030-03-04T09:00:00Z', description: 'UTC instant' })
  @Matches(UTC_INSTANT, { message: 'startsAt must be a UTC ISO-8601 instant' })
  startsAt!: string;

  @ApiProperty({ example: '2030-03-04T10:00:00Z', description: 'UTC instant' })
  @Matches(UTC_INSTANT, { message: 'endsAt must be a UTC ISO-8601 instant' })
  endsAt!: string;

  @ApiProperty({
    example: 'Europe/London',
    description: 'The IANA zone the candidate reads times in',
  })
  @IsTimeZone()
  candidateTimeZone!: string;

  @ApiPropertyOptional({ description: 'Required for in-person interviews' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  location?: string;

  @ApiPropertyOptional({ description: 'Required for video interviews' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  videoLink?: string;

  @ApiProperty({ type: [PanelMemberDto], description: 'Exactly one lead' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => PanelMemberDto)
  panel!: PanelMemberDto[];

  @ApiPropertyOptional({ type: OverrideDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

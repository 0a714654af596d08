import {
  INTERVIEW_FORMATS,
  INTERVIEW_KINDS,
  type InterviewFormat,
  type InterviewKind,
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
import { PanelMemberDto } from '../schedule-interview/schedule-interview.dto';
import { OverrideDto, UTC_INSTANT } from '../common/booking.dto';

export class InterviewDayBreakDto {
  @ApiProperty({ example: 'Lunch' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty({ example: '2030-03-04T12:00:00Z', description: 'UTC instant' })
  @Matches(UTC_INSTANT, { message: 'startsAt must be a UTC ISO-8601 instant' })
  startsAt!: string;

  @ApiProperty({ example: '2030-03-04T13:00:00Z', description: 'UTC instant' })
  @Matches(UTC_INSTANT, { message: 'endsAt must be a UTC ISO-8601 instant' })
  endsAt!: string;
}

/** A session is an interview of its own: its own panel, kind, format and place. */
export class InterviewDaySessionDto extends InterviewDayBreakDto {
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

  @ApiPropertyOptional({ description: 'Required for in-person sessions' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  location?: string;

  @ApiPropertyOptional({ description: 'Required for video sessions' })
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
}

export class ScheduleInterviewDayDto {
  @ApiProperty({
    type: [InterviewDaySessionDto],
    description: 'At least two; with the breaks, back to back',
  })
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => InterviewDaySessionDto)
  sessions!: InterviewDaySessionDto[];

  @ApiProperty({ type: [InterviewDayBreakDto], description: 'Between sessions, e.g. lunch' })
  @IsArray()
  @ArrayMaxSize(12)
  @ValidateNested({ each: true })
  @Type(() => InterviewDayBreakDto)
  breaks!: InterviewDayBreakDto[];

  @ApiProperty({
    example: 'Europe/London',
    description: 'The IANA zone the candidate reads the agenda in',
  })
  @IsTimeZone()
  candidateTimeZone!: string;

  @ApiPropertyOptional({ type: OverrideDto, description: 'Applies to every session' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

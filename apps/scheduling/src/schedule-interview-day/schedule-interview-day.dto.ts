import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsTimeZone,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { OverrideDto } from '../common/booking.dto';
import { InterviewSettingDto, TimeSpanDto } from '../common/interview-setting.dto';

export class InterviewDayBreakDto extends TimeSpanDto {
  @ApiProperty({ example: 'Lunch' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;
}

/** A session is an interview of its own: its own panel, kind, format and place. */
export class InterviewDaySessionDto extends InterviewSettingDto {
  @ApiProperty({ example: 'System design' })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;
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

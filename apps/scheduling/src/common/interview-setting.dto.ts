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
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IDENTIFIER, UTC_INSTANT } from './booking.dto';

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

/** A span between two UTC instants; the deciders check that it ends after it starts. */
export class TimeSpanDto {
  @ApiProperty({ example: '2030-03-04T09:00:00Z', description: 'UTC instant' })
  @Matches(UTC_INSTANT, { message: 'startsAt must be a UTC ISO-8601 instant' })
  startsAt!: string;

  @ApiProperty({ example: '2030-03-04T10:00:00Z', description: 'UTC instant' })
  @Matches(UTC_INSTANT, { message: 'endsAt must be a UTC ISO-8601 instant' })
  endsAt!: string;
}

/** What every interview, alone or a session of a day, is: when, what kind, how, where, with whom. */
export class InterviewSettingDto extends TimeSpanDto {
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

  @ApiPropertyOptional({ description: 'Required in person' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  location?: string;

  @ApiPropertyOptional({ description: 'Required by video' })
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

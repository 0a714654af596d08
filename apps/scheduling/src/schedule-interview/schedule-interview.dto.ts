import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsTimeZone, ValidateNested } from 'class-validator';
import { OverrideDto } from '../common/booking.dto';
import { InterviewSettingDto } from '../common/interview-setting.dto';

export class ScheduleInterviewDto extends InterviewSettingDto {
  @ApiProperty({
    example: 'Europe/London',
    description: 'The IANA zone the candidate reads times in',
  })
  @IsTimeZone()
  candidateTimeZone!: string;

  @ApiPropertyOptional({ type: OverrideDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

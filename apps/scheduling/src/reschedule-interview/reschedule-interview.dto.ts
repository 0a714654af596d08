import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { OverrideDto, ReasonDto } from '../common/booking.dto';
import { TimeSpanDto } from '../common/interview-setting.dto';

export class RescheduleInterviewDto extends IntersectionType(TimeSpanDto, ReasonDto) {
  @ApiPropertyOptional({ type: OverrideDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

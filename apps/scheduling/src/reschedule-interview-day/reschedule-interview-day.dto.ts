import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, Matches, ValidateNested } from 'class-validator';
import { OverrideDto, ReasonDto, UTC_INSTANT } from '../common/booking.dto';

export class RescheduleInterviewDayDto extends ReasonDto {
  @ApiProperty({
    example: '2030-03-06T08:00:00Z',
    description: "UTC instant the day's first session starts at; everything else keeps its spacing",
  })
  @Matches(UTC_INSTANT, { message: 'startsAt must be a UTC ISO-8601 instant' })
  startsAt!: string;

  @ApiPropertyOptional({ type: OverrideDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, Matches, ValidateNested } from 'class-validator';
import { OverrideDto, ReasonDto, UTC_INSTANT } from '../common/booking.dto';

export class RescheduleInterviewDto extends ReasonDto {
  @ApiProperty({ example: '2030-03-05T09:00:00Z', description: 'UTC instant' })
  @Matches(UTC_INSTANT, { message: 'startsAt must be a UTC ISO-8601 instant' })
  startsAt!: string;

  @ApiProperty({ example: '2030-03-05T10:00:00Z', description: 'UTC instant' })
  @Matches(UTC_INSTANT, { message: 'endsAt must be a UTC ISO-8601 instant' })
  endsAt!: string;

  @ApiPropertyOptional({ type: OverrideDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverrideDto)
  override?: OverrideDto;
}

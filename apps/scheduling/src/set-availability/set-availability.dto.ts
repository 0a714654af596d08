import { WEEKDAYS, type Weekday } from '@hirestream/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsTimeZone,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const WALL_CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export class WorkingHoursDto {
  @ApiProperty({ enum: WEEKDAYS, description: 'ISO weekday: Monday = 1 … Sunday = 7' })
  @IsIn(WEEKDAYS)
  weekday!: Weekday;

  @ApiProperty({ example: '09:00', description: "Local time in the interviewer's zone" })
  @Matches(WALL_CLOCK, { message: 'start must be a 24-hour time, HH:MM' })
  start!: string;

  @ApiProperty({ example: '17:00', description: "Local time in the interviewer's zone" })
  @Matches(WALL_CLOCK, { message: 'end must be a 24-hour time, HH:MM' })
  end!: string;
}

export class SetAvailabilityDto {
  @ApiProperty({ example: 'Europe/London' })
  @IsTimeZone()
  timeZone!: string;

  @ApiProperty({ type: [WorkingHoursDto], description: 'Days left out are not working days' })
  @IsArray()
  @ArrayMaxSize(7)
  @ValidateNested({ each: true })
  @Type(() => WorkingHoursDto)
  workingHours!: WorkingHoursDto[];

  @ApiProperty({ minimum: 1, maximum: 20 })
  @IsInt()
  @Min(1)
  @Max(20)
  dailyInterviewLimit!: number;
}

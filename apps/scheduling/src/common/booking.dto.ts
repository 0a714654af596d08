import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** Interviewer ids come from the identity provider: identifiers, not UUIDs. */
export const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** UTC only, as the events store instants: an offset would let one instant be written two ways. */
export const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

export class OverrideDto {
  @ApiProperty({
    description: 'Why booking outside working hours or past the daily limit is needed',
  })
  @IsString()
  @Length(1, 2_000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'the hiring manager is ill', maxLength: 2_000 })
  @IsString()
  @Length(1, 2_000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';

export class RecordScreeningDto {
  @ApiProperty({ description: 'Whether the candidate passed the screening' })
  @IsBoolean()
  passed!: boolean;

  @ApiProperty({
    example: 'Strong on distributed systems; available from March.',
    maxLength: 10_000,
  })
  @IsString()
  @MaxLength(10_000)
  notes!: string;
}

import { NO_SHOW_PARTIES, type NoShowParty } from '@hirestream/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateBy, ValidateIf } from 'class-validator';

const onlyForAnInterviewer = ValidateBy({
  name: 'onlyForAnInterviewer',
  validator: {
    validate: (_value, args) => (args?.object as RecordNoShowDto).party === 'interviewer',
    defaultMessage: () =>
      'interviewerId names a panel member, so it goes with party interviewer only',
  },
});

/** Valid only as a pair: `interviewerId` is given exactly when the party is an interviewer. */
export class RecordNoShowDto {
  @ApiProperty({ enum: NO_SHOW_PARTIES, description: 'Who did not come' })
  @IsIn(NO_SHOW_PARTIES)
  party!: NoShowParty;

  @ApiPropertyOptional({
    description: 'The panel member who did not come; only for an interviewer',
  })
  @ValidateIf(
    (body: RecordNoShowDto) => body.party === 'interviewer' || body.interviewerId !== undefined,
  )
  @IsString()
  @Length(1, 100)
  @onlyForAnInterviewer
  interviewerId?: string;
}

import { IsString, Length, Matches } from 'class-validator';
import { IDENTIFIER } from './booking.dto';

export class InterviewerIdParams {
  @IsString()
  @Length(1, 100)
  @Matches(IDENTIFIER, { message: 'id must be an identifier (letters, digits, . _ : -)' })
  id!: string;
}

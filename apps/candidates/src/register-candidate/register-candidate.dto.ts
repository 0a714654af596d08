import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export class RegisterCandidateDto {
  @ApiProperty({ example: 'Ada Lovelace', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'fullName must not be blank' })
  fullName!: string;

  @ApiProperty({ example: 'ada@example.org' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiPropertyOptional({ example: '+44 20 7946 0958' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ().-]{3,38}$/, {
    message: 'phone must be a phone number (digits, spaces, ( ) . - and a leading +)',
  })
  phone?: string;

  @ApiProperty({ example: 'job-2026-backend-7', description: 'The job opening applied for' })
  @IsString()
  @Length(1, 100)
  @Matches(IDENTIFIER, { message: 'jobId must be an identifier (letters, digits, . _ : -)' })
  jobId!: string;

  @ApiProperty({
    example: 'referral',
    description: 'Where the candidate came from (careers site, referral, agency...)',
  })
  @IsString()
  @Length(1, 100)
  source!: string;

  @ApiPropertyOptional({
    example: 'resumes/2026/ada-lovelace.pdf',
    description: 'Reference to the stored resume',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  resumeRef?: string;

  @ApiPropertyOptional({
    description: "Links this candidacy to the person's earlier ones; a new id when omitted",
  })
  @IsOptional()
  @IsUUID()
  personId?: string;
}

import { IsUUID } from 'class-validator';

export class InterviewParams {
  @IsUUID()
  id!: string;

  @IsUUID()
  interviewId!: string;
}

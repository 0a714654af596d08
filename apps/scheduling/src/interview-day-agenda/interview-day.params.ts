import { IsUUID } from 'class-validator';

export class InterviewDayParams {
  @IsUUID()
  id!: string;

  @IsUUID()
  dayId!: string;
}

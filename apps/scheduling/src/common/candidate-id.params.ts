import { IsUUID } from 'class-validator';

export class CandidateIdParams {
  @IsUUID()
  id!: string;
}

import {
  CurrentPrincipal,
  QueryRoute,
  ValidParams,
  type ActingPrincipal,
} from '@hirestream/platform';
import { Controller, ForbiddenException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CALIBRATION_READERS } from './calibration-roles';
import { CalibrationProjection } from './calibration.projection';
import { InterviewerCalibration } from './calibration.view';
import { InterviewerParams } from '../overdue-feedback/feedback-requests.query';

@ApiTags('calibration')
@Controller('interviewers')
export class InterviewerCalibrationController {
  constructor(private readonly calibration: CalibrationProjection) {}

  @QueryRoute({
    path: ':id/calibration',
    operationId: 'getInterviewerCalibration',
    summary:
      "The interviewer's rating and recommendation distributions and how their recommendations sit by the panels' decisions, from a projection; interviewers read only their own",
    roles: [...CALIBRATION_READERS, 'interviewer'],
    response: InterviewerCalibration,
  })
  async get(
    @ValidParams(InterviewerParams) { id }: InterviewerParams,
    @CurrentPrincipal() principal: ActingPrincipal,
  ): Promise<InterviewerCalibration> {
    if (principal.actingRole === 'interviewer' && principal.subject !== id) {
      throw new ForbiddenException('An interviewer may only read their own calibration');
    }
    await this.calibration.afterOwnWrites();
    return this.calibration.ofInterviewer(id);
  }
}

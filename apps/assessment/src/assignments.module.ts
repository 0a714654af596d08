import { Module } from '@nestjs/common';
import { AssignAssessmentController } from './assign-assessment/assign-assessment.controller';
import { assignmentGatewayProvider } from './assignments/assignment-gateway';
import { ExtendAssessmentController } from './extend-assessment/extend-assessment.controller';
import { GetAssignmentController } from './get-assignment/get-assignment.controller';
import { InterviewGuidesModule } from './interview-guides.module';
import { ListAssignmentsController } from './list-assignments/list-assignments.controller';
import { ScoreAssessmentController } from './score-assessment/score-assessment.controller';
import { SubmitAssessmentController } from './submit-assessment/submit-assessment.controller';

/** Take-home assessments and work samples on the candidate's stream. */
@Module({
  imports: [InterviewGuidesModule],
  controllers: [
    AssignAssessmentController,
    ExtendAssessmentController,
    SubmitAssessmentController,
    ScoreAssessmentController,
    ListAssignmentsController,
    GetAssignmentController,
  ],
  providers: [assignmentGatewayProvider],
})
export class AssignmentsModule {}

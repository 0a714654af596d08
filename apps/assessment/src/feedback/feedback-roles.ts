import type { ActingPrincipal, Role } from '@hirestream/platform';
import type { FeedbackCaller } from '../domain/feedback.commands';

/**
 * Staff who read every interview's feedback on a candidate (once they are not
 * blind themselves): recruiters, coordinators, hiring managers, auditors, admins.
 * Approvers and candidates read no feedback at all.
 */
export const FEEDBACK_READERS: readonly Role[] = [
  'recruiter',
  'coordinator',
  'hiring-manager',
  'auditor',
  'admin',
];

/**
 * Who may give feedback: whoever sits on the interview's panel gives their own
 * (the decider checks the seat), whatever their role but auditor, approver and
 * candidate. Nobody gives feedback on someone else's behalf.
 */
export const FEEDBACK_AUTHORS: readonly Role[] = [
  'interviewer',
  'recruiter',
  'coordinator',
  'hiring-manager',
  'admin',
];

/** The caller as the feedback decider sees them: a staff reader knows every interview. */
export function feedbackCallerOf(principal: ActingPrincipal): FeedbackCaller {
  return {
    id: principal.subject,
    role: principal.actingRole,
    seesEveryInterview: principal.roles.some((role) => FEEDBACK_READERS.includes(role)),
  };
}

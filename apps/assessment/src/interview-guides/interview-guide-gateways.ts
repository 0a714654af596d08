import type { InterviewKitEvent, RubricEvent } from '@hirestream/contracts';
import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import type { InterviewKitCommand } from '../domain/interview-kit.commands';
import { interviewKitAggregate } from '../domain/interview-kit.decider';
import type { InterviewKitState } from '../domain/interview-kit.state';
import type { RubricCommand } from '../domain/rubric.commands';
import { rubricAggregate } from '../domain/rubric.decider';
import type { RubricState } from '../domain/rubric.state';

/** The tokens the rubric and interview kit command gateways are injected by (this module's own). */
export const RUBRICS = Symbol('RUBRICS');
export const INTERVIEW_KITS = Symbol('INTERVIEW_KITS');

export type RubricGateway = CommandGateway<RubricState, RubricCommand, RubricEvent>;
export type InterviewKitGateway = CommandGateway<
  InterviewKitState,
  InterviewKitCommand,
  InterviewKitEvent
>;

export const interviewGuideGatewayProviders = [
  provideCommandGateway(RUBRICS, rubricAggregate),
  provideCommandGateway(INTERVIEW_KITS, interviewKitAggregate),
];

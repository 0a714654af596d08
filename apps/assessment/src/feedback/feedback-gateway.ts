import { provideCommandGateway, type CommandGateway } from '@hirestream/event-sourcing';
import type { FeedbackCommand } from '../domain/feedback.commands';
import { feedbackAggregate, type FeedbackStreamEvent } from '../domain/feedback.decider';
import type { FeedbackState } from '../domain/feedback.state';

/** The token the feedback command gateway (on candidate streams) is injected by. */
export const FEEDBACK = Symbol('FEEDBACK');

export type FeedbackGateway = CommandGateway<FeedbackState, FeedbackCommand, FeedbackStreamEvent>;

export const feedbackGatewayProvider = provideCommandGateway(FEEDBACK, feedbackAggregate);

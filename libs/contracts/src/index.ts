export type { Command, Event } from './core/event';
export type { Actor, ActorRole, EventMetadata } from './core/event-metadata';
export { ACTOR_ROLES } from './core/event-metadata';
export {
  eventContract,
  type DeepReadonly,
  type EventContract,
  type EventOf,
  type Upcaster,
} from './core/event-contract';
export { EventCatalog, UnknownEventVersionError } from './core/event-catalog';
export {
  CANDIDATE_SUBJECT,
  notPersonal,
  personal,
  PERSONAL_KEYWORD,
  PERSONAL_LOOKING_NAME,
  personalDataDecisions,
  personalPathsOf,
  undecidedPersonalFields,
  type DataSubject,
  type DataSubjectKind,
  type PersonalDataMarking,
} from './core/personal-data';
export { AggregateNotFoundError, CommandRejectedError } from './core/domain-errors';
export type { FieldProblem } from './core/field-problem';
export * from './core/field-schemas';
export { isKnownTimeZone } from './core/time-zone-names';
export * from './core/time-zones';
export * from './core/business-days';
export { ISO_4217_CURRENCIES, minorUnitDigits, type CurrencyCode } from './core/currencies';
export {
  isNormalizedText,
  MULTI_LINE_TEXT_PATTERN,
  normalizeText,
  SINGLE_LINE_TEXT_PATTERN,
  TEXT_KEYWORD,
} from './core/text-rules';
export {
  SchemaValidator,
  type DataCheck,
  type SchemaValidatorOptions,
  type TextHandling,
} from './core/schema-validator';
export {
  CANDIDATE_STREAM_PREFIX,
  candidateIdOfStream,
  candidateStreamName,
  cloudEventSource,
  cloudEventType,
  deadLetterTopic,
  serviceEventsTopic,
} from './core/naming';
export { hirestreamEventCatalog } from './event-catalog';
export { asyncApiDocument, type OtherTopic } from './core/asyncapi-document';

export * from './candidates/candidate-stage';
export * from './candidates/candidate-contracts';
export * from './candidates/candidacy';
export * from './candidates/personal-data-vocabulary';
export * from './candidates/personal-data-contracts';

export * from './scheduling/interview-vocabulary';
export * from './scheduling/scheduling-contracts';
export * from './scheduling/interviewer-calendar-stream';
export * from './scheduling/interview-facts';

export * from './assessment/assessment-vocabulary';
export * from './assessment/rubric-contracts';
export * from './assessment/interview-kit-contracts';
export * from './assessment/feedback-contracts';
export * from './assessment/assignment-contracts';
export * from './assessment/panel-decision-contracts';
export * from './assessment/assessment-contracts';

export * from './background-checks/background-check-vocabulary';
export * from './background-checks/check-contracts';
export * from './background-checks/check-item-contracts';
export * from './background-checks/adverse-action-contracts';
export * from './background-checks/background-checks-contracts';
export * from './background-checks/check-facts';

export * from './offers/offer-vocabulary';
export * from './offers/offer-terms';
export * from './offers/offer-contracts';
export * from './offers/offers-contracts';
export * from './offers/offer-facts';

export * from './audit/anchor-message';

export * from './analytics/analytics-contracts';

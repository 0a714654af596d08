import {
  AggregateNotFoundError,
  CANDIDACY_EVENT_TYPES,
  DECLINED_ANSWER,
  SELF_IDENTIFICATION_EVENT_TYPES,
  selfIdentificationStreamName,
  type CandidateEvent,
  type Command,
  type FieldProblem,
  type SelfIdentificationDeclined,
  type SelfIdentificationEvent,
  type SelfIdentificationGiven,
  type SelfIdentificationWithdrawn,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import { choicesOf, type SelfIdentificationPolicy } from './self-identification-policy';

export type GiveSelfIdentification = Command<
  'GiveSelfIdentification',
  SelfIdentificationGiven['data']
>;
export type DeclineSelfIdentification = Command<
  'DeclineSelfIdentification',
  SelfIdentificationDeclined['data']
>;
export type WithdrawSelfIdentification = Command<
  'WithdrawSelfIdentification',
  SelfIdentificationWithdrawn['data']
>;
export type SelfIdentificationCommand =
  GiveSelfIdentification | DeclineSelfIdentification | WithdrawSelfIdentification;

export type SelfIdentificationAnswers = readonly Readonly<{ category: string; answer: string }>[];

/** What is in force for the candidacy: nothing, answers, or a decline of every category. */
export type SelfIdentification =
  | Readonly<{ kind: 'none' }>
  | Readonly<{ kind: 'given'; jurisdiction: string; answers: SelfIdentificationAnswers }>
  | Readonly<{ kind: 'declined'; jurisdiction: string; categories: readonly string[] }>;

function decide(
  command: SelfIdentificationCommand,
  state: SelfIdentification,
): readonly SelfIdentificationEvent[] {
  switch (command.type) {
    case 'GiveSelfIdentification':
      return [{ type: 'SelfIdentificationGiven', data: command.data }];
    case 'DeclineSelfIdentification':
      return [{ type: 'SelfIdentificationDeclined', data: command.data }];
    case 'WithdrawSelfIdentification':
      // Withdrawing nothing records nothing: a repeat of DELETE is answered as the first.
      return state.kind === 'none'
        ? []
        : [{ type: 'SelfIdentificationWithdrawn', data: command.data }];
    default:
      return assertNever(command);
  }
}

function evolve(_state: SelfIdentification, event: SelfIdentificationEvent): SelfIdentification {
  switch (event.type) {
    case 'SelfIdentificationGiven':
      return {
        kind: 'given',
        jurisdiction: event.data.jurisdiction,
        answers: event.data.answers,
      };
    case 'SelfIdentificationDeclined':
      return {
        kind: 'declined',
        jurisdiction: event.data.jurisdiction,
        categories: event.data.categories,
      };
    case 'SelfIdentificationWithdrawn':
      return { kind: 'none' };
    default:
      return assertNever(event);
  }
}

export const selfIdentificationDecider: Decider<
  SelfIdentification,
  SelfIdentificationCommand,
  SelfIdentificationEvent
> = {
  decide,
  evolve,
  initialState: () => ({ kind: 'none' }),
  eventTypes: SELF_IDENTIFICATION_EVENT_TYPES,
};

/** A candidate's self-identification stream, apart from the candidate stream. */
export const selfIdentificationAggregate: Aggregate<
  SelfIdentification,
  SelfIdentificationCommand,
  SelfIdentificationEvent
> = {
  name: 'self-identification',
  decider: selfIdentificationDecider,
  streamOf: (command) => selfIdentificationStreamName(command.data.candidateId),
};

/** The job of a registered candidacy (null: not registered), to find its jurisdiction. */
export type CandidacyJob = Readonly<{ jobId: string }> | null;

/** The candidate stream as this service reads it: only the registration's job. Decides nothing. */
export const candidacyJobAggregate: Aggregate<CandidacyJob, never, CandidateEvent> = {
  name: 'candidacy-job',
  decider: {
    decide: () => [],
    evolve: (state, event) =>
      event.type === 'CandidateRegistered' ? { jobId: event.data.jobId } : state,
    initialState: () => null,
    eventTypes: CANDIDACY_EVENT_TYPES,
  },
  streamOf: () => {
    throw new AggregateNotFoundError('the candidacy is read, never written, by analytics');
  },
};

/**
 * What is wrong with answers under the policy, each naming its field: one answer per category the
 * policy asks, each one of that category's choices or `declined`.
 */
export function answerProblems(
  policy: SelfIdentificationPolicy,
  answers: SelfIdentificationAnswers,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  answers.forEach(({ category, answer }, index) => {
    const choices = choicesOf(policy, category);
    if (choices.length === 0) {
      problems.push({
        field: `answers.${index}.category`,
        rule: 'askedCategory',
        message: `${policy.jurisdiction} asks ${policy.categories.map((c) => c.category).join(', ')}; not ${category}`,
      });
    } else if (seen.has(category)) {
      problems.push({
        field: `answers.${index}.category`,
        rule: 'answeredOnce',
        message: `${category} is answered twice`,
      });
    } else if (!choices.includes(answer)) {
      problems.push({
        field: `answers.${index}.answer`,
        rule: 'configuredChoice',
        message: `${category} takes one of ${choices.join(', ')}`,
      });
    }
    seen.add(category);
  });
  const missing = policy.categories.filter(({ category }) => !seen.has(category));
  if (missing.length > 0) {
    problems.push({
      field: 'answers',
      rule: 'everyCategory',
      message: `answer every category ${policy.jurisdiction} asks (${DECLINED_ANSWER} where you prefer not to say); missing ${missing.map((c) => c.category).join(', ')}`,
    });
  }
  return problems;
}

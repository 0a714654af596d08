import {
  AggregateNotFoundError,
  candidateStreamName,
  selfIdentificationStreamName,
  type CandidateEvent,
  type SelfIdentificationEvent,
} from '@hirestream/contracts';
import {
  CommandGateway,
  EventStore,
  OwnWrites,
  StreamActivity,
  type CommandContext,
} from '@hirestream/event-sourcing';
import { RequestValidationError } from '@hirestream/platform';
import { Inject, Injectable, type Provider } from '@nestjs/common';
import { AnalyticsConfig } from '../analytics.config';
import {
  answerProblems,
  candidacyJobAggregate,
  selfIdentificationAggregate,
  type CandidacyJob,
  type SelfIdentification,
  type SelfIdentificationAnswers,
  type SelfIdentificationCommand,
} from './self-identification.decider';
import { loadSelfIdentificationPolicies } from './self-identification-policy-file';
import {
  selfIdentificationPolicyForJob,
  type SelfIdentificationPolicy,
} from './self-identification-policy';

/** The token the loaded self-identification policies are injected by (a `SelfIdentificationPolicy[]`). */
export const SELF_IDENTIFICATION_POLICIES = Symbol('SELF_IDENTIFICATION_POLICIES');

/** Reads the policies once at start; a bad file stops the start, naming the file and field. */
export const selfIdentificationPoliciesProvider: Provider = {
  provide: SELF_IDENTIFICATION_POLICIES,
  useFactory: (config: AnalyticsConfig) =>
    loadSelfIdentificationPolicies(config.ANALYTICS_POLICIES_DIR),
  inject: [AnalyticsConfig],
};

/** What the candidate asked for: answers (with consent) or a decline of every category. */
export type SelfIdentificationRequest =
  Readonly<{ kind: 'answers'; answers: SelfIdentificationAnswers }> | Readonly<{ kind: 'decline' }>;

/** A candidacy's self-identification and what its jurisdiction asks. */
export type SelfIdentificationOfCandidacy = Readonly<{
  candidateId: string;
  policy: SelfIdentificationPolicy;
  selfIdentification: SelfIdentification;
}>;

/**
 * The candidate's self-identification: their jurisdiction found by the candidacy's job, their
 * answers checked against it and kept in their own stream. Its gateways are made here rather
 * than by `provideCommandGateway`, which would register the aggregate for the state-at-a-point
 * route (auditors and admins): nothing of it may be read by anyone but the candidate.
 */
@Injectable()
export class SelfIdentificationService {
  private readonly streams: CommandGateway<
    SelfIdentification,
    SelfIdentificationCommand,
    SelfIdentificationEvent
  >;
  private readonly candidacies: CommandGateway<CandidacyJob, never, CandidateEvent>;

  constructor(
    store: EventStore,
    activity: StreamActivity,
    ownWrites: OwnWrites,
    @Inject(SELF_IDENTIFICATION_POLICIES)
    private readonly policies: readonly SelfIdentificationPolicy[],
  ) {
    this.streams = new CommandGateway(store, selfIdentificationAggregate, { activity, ownWrites });
    this.candidacies = new CommandGateway(store, candidacyJobAggregate, { activity });
  }

  async read(candidateId: string): Promise<SelfIdentificationOfCandidacy> {
    const policy = await this.policyOf(candidateId);
    const { state } = await this.streams.load(selfIdentificationStreamName(candidateId));
    return { candidateId, policy, selfIdentification: state };
  }

  async record(
    candidateId: string,
    request: SelfIdentificationRequest,
    context: CommandContext,
  ): Promise<SelfIdentificationOfCandidacy> {
    const policy = await this.policyOf(candidateId);
    const { jurisdiction } = policy;
    let command: SelfIdentificationCommand;
    if (request.kind === 'answers') {
      const problems = answerProblems(policy, request.answers);
      if (problems.length > 0) throw new RequestValidationError(problems);
      command = {
        type: 'GiveSelfIdentification',
        data: { candidateId, jurisdiction, answers: request.answers, consent: true },
      };
    } else {
      const categories = policy.categories.map(({ category }) => category);
      command = {
        type: 'DeclineSelfIdentification',
        data: { candidateId, jurisdiction, categories },
      };
    }
    const outcome = await this.streams.handle(command, context);
    return { candidateId, policy, selfIdentification: outcome.state };
  }

  async withdraw(
    candidateId: string,
    context: CommandContext,
  ): Promise<SelfIdentificationOfCandidacy> {
    const policy = await this.policyOf(candidateId);
    const outcome = await this.streams.handle(
      { type: 'WithdrawSelfIdentification', data: { candidateId } },
      context,
    );
    return { candidateId, policy, selfIdentification: outcome.state };
  }

  /** The policy of the candidacy's job; 404 for a candidacy never registered. */
  private async policyOf(candidateId: string): Promise<SelfIdentificationPolicy> {
    const { state } = await this.candidacies.load(candidateStreamName(candidateId));
    if (state === null) throw new AggregateNotFoundError(`candidate ${candidateId} does not exist`);
    return selfIdentificationPolicyForJob(this.policies, state.jobId);
  }
}

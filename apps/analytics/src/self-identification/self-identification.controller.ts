import { uuid } from '@hirestream/contracts';
import { Caller, type CommandCaller } from '@hirestream/event-sourcing';
import { CommandRoute, QueryRoute, ValidBody, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type, type Static } from '@sinclair/typebox';
import {
  answersOrDecline,
  RecordSelfIdentificationBody,
  SelfIdentificationView,
} from './self-identification.dto';
import {
  SelfIdentificationService,
  type SelfIdentificationOfCandidacy,
} from './self-identification.service';

const CandidateIdParams = Type.Object({ id: uuid() }, { additionalProperties: false });
type CandidateIdParams = Static<typeof CandidateIdParams>;

/*
 * The candidate's own routes, and only theirs: every staff role, admins and auditors included,
 * is refused (403). Demographic answers leave the service only as suppressed aggregate counts
 * (GET /analytics/adverse-impact); see the README.
 */
const CANDIDATE_ONLY = { roles: ['candidate'], candidateScope: 'id' } as const;

function viewOf({
  candidateId,
  policy,
  selfIdentification,
}: SelfIdentificationOfCandidacy): SelfIdentificationView {
  return {
    candidateId,
    jurisdiction: policy.jurisdiction,
    asked: policy.categories.map(({ category, choices }) => ({
      category,
      choices: [...choices, 'declined'],
    })),
    status: selfIdentification.kind,
    answers: selfIdentification.kind === 'given' ? [...selfIdentification.answers] : [],
  };
}

@ApiTags('self-identification')
@Controller('candidates')
export class SelfIdentificationController {
  constructor(private readonly selfIdentifications: SelfIdentificationService) {}

  @QueryRoute({
    path: ':id/self-identification',
    operationId: 'getSelfIdentification',
    summary: 'Your self-identification and what your jurisdiction asks (the candidate only)',
    ...CANDIDATE_ONLY,
    response: SelfIdentificationView,
    problems: [404],
  })
  async get(
    @ValidParams(CandidateIdParams) { id }: CandidateIdParams,
  ): Promise<SelfIdentificationView> {
    return viewOf(await this.selfIdentifications.read(id));
  }

  @CommandRoute({
    method: 'PUT',
    path: ':id/self-identification',
    operationId: 'recordSelfIdentification',
    summary:
      'Give your self-identification with your consent, or decline it (the candidate only); replaces what was given',
    ...CANDIDATE_ONLY,
    response: SelfIdentificationView,
    problems: [404, 409],
  })
  async record(
    @ValidParams(CandidateIdParams) { id }: CandidateIdParams,
    @ValidBody(RecordSelfIdentificationBody, answersOrDecline) body: RecordSelfIdentificationBody,
    @Caller() caller: CommandCaller,
  ): Promise<SelfIdentificationView> {
    const request =
      body.answers === undefined
        ? ({ kind: 'decline' } as const)
        : ({ kind: 'answers', answers: body.answers } as const);
    return viewOf(await this.selfIdentifications.record(id, request, caller.context));
  }

  @CommandRoute({
    method: 'DELETE',
    path: ':id/self-identification',
    operationId: 'withdrawSelfIdentification',
    summary:
      'Withdraw your self-identification and consent (the candidate only): aggregates after now no longer count it',
    ...CANDIDATE_ONLY,
    response: SelfIdentificationView,
    problems: [404, 409],
  })
  async withdraw(
    @ValidParams(CandidateIdParams) { id }: CandidateIdParams,
    @Caller() caller: CommandCaller,
  ): Promise<SelfIdentificationView> {
    return viewOf(await this.selfIdentifications.withdraw(id, caller.context));
  }
}

import { QueryRoute, ValidParams, ValidQuery } from '@hirestream/platform';
import { Controller, Headers } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AUDITORS } from '../audit-roles';
import { CandidateIdParams } from '../candidate-stream/candidate-id.params';
import { CandidateStreams } from '../candidate-stream/candidate-streams';
import { CandidateStates } from './candidate-states';
import {
  CandidateStateQuery,
  candidateStateView,
  CandidateStateView,
} from './candidate-state.view';

/** A point is named one way: by an instant or by a revision. */
function oneOfAtOrRevision({ at, revision }: CandidateStateQuery) {
  return at !== undefined && revision !== undefined
    ? [
        {
          field: 'at',
          rule: 'at-or-revision',
          message: 'name the point by at or by revision, not both',
        },
      ]
    : [];
}

@ApiTags('audit')
@Controller('candidates')
export class CandidateStateController {
  constructor(
    private readonly streams: CandidateStreams,
    private readonly states: CandidateStates,
  ) {}

  @QueryRoute({
    path: ':candidateId/state',
    operationId: 'getCandidateStateAtPoint',
    summary:
      "Every service's state of the candidacy at a revision or an instant (its end when neither), with the events up to it",
    roles: AUDITORS,
    response: CandidateStateView,
    problems: [404, 502],
  })
  async state(
    @ValidParams(CandidateIdParams) { candidateId }: CandidateIdParams,
    @ValidQuery(CandidateStateQuery, oneOfAtOrRevision) { at, revision }: CandidateStateQuery,
    @Headers('authorization') authorization: string,
  ): Promise<CandidateStateView> {
    const stream = await this.streams.read(candidateId);
    const point =
      revision !== undefined
        ? { revision: BigInt(revision) }
        : at !== undefined
          ? { at }
          : undefined;
    return candidateStateView(
      candidateId,
      await this.states.at(candidateId, stream, point, authorization),
      at,
    );
  }
}

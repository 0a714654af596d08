import { QueryRoute, ValidQuery } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CandidateListProjection } from './candidate-list.projection';
import { CandidateListView, ListCandidatesQuery } from './list-candidates.query';

@ApiTags('candidates')
@Controller('candidates')
export class ListCandidatesController {
  constructor(private readonly candidateList: CandidateListProjection) {}

  @QueryRoute({
    path: '',
    operationId: 'listCandidates',
    summary:
      "Candidates filtered by job and stage, from a projection that includes this service's own writes",
    roles: ['recruiter', 'coordinator', 'hiring-manager', 'auditor', 'admin'],
    response: CandidateListView,
  })
  async list(
    @ValidQuery(ListCandidatesQuery) query: ListCandidatesQuery,
  ): Promise<CandidateListView> {
    await this.candidateList.afterOwnWrites();
    return { ...(await this.candidateList.list(query)), limit: query.limit, offset: query.offset };
  }
}

import { Roles } from '@hirestream/platform';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CandidateListItem } from './candidate-list.projection';
import { CandidateListSubscription } from './candidate-list.subscription';
import { ListCandidatesQuery } from './list-candidates.query';

@ApiTags('candidates')
@Controller('candidates')
export class ListCandidatesController {
  constructor(private readonly candidateList: CandidateListSubscription) {}

  @Get()
  @Roles('recruiter', 'coordinator', 'hiring-manager', 'auditor', 'admin')
  @ApiOperation({
    summary:
      'Candidates filtered by job and stage, from a projection (eventually consistent with the streams)',
  })
  list(@Query() query: ListCandidatesQuery): {
    total: number;
    limit: number;
    offset: number;
    items: CandidateListItem[];
  } {
    return {
      ...this.candidateList.projection.query(query),
      limit: query.limit,
      offset: query.offset,
    };
  }
}

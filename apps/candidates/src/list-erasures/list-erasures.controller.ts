import { QueryRoute, ValidQuery } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PersonalDataErasures } from './personal-data-erasures.projection';
import { ErasureListView, ListErasuresQuery } from './list-erasures.query';

@ApiTags('personal data')
@Controller('personal-data')
export class ListErasuresController {
  constructor(private readonly erasures: PersonalDataErasures) {}

  @QueryRoute({
    path: 'erasures',
    operationId: 'listPersonalDataErasures',
    summary:
      'The report of erasures: which candidacies, when, on what basis (request, or retention and its policy), by whom; no personal value',
    roles: ['auditor', 'admin'],
    response: ErasureListView,
  })
  async list(@ValidQuery(ListErasuresQuery) query: ListErasuresQuery): Promise<ErasureListView> {
    await this.erasures.afterOwnWrites();
    return { ...(await this.erasures.list(query)), limit: query.limit, offset: query.offset };
  }
}

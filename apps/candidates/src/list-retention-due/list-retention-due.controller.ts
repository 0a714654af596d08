import { QueryRoute, ValidQuery } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RetentionTimers } from '../retention/retention.firing';
import { ListRetentionDueQuery, RetentionDueView } from './list-retention-due.query';

@ApiTags('personal data')
@Controller('personal-data')
export class ListRetentionDueController {
  constructor(private readonly timers: RetentionTimers) {}

  @QueryRoute({
    path: 'retention/due',
    operationId: 'listRetentionDue',
    summary:
      "The retention timers to come: each closed candidacy's next look, when, and the policy that scheduled it",
    roles: ['auditor', 'admin'],
    response: RetentionDueView,
  })
  async list(
    @ValidQuery(ListRetentionDueQuery) query: ListRetentionDueQuery,
  ): Promise<RetentionDueView> {
    const { total, items } = await this.timers.scheduled(
      query.until ?? null,
      query.limit,
      query.offset,
    );
    return {
      total,
      limit: query.limit,
      offset: query.offset,
      items: items.map((item) => ({
        ...item,
        policy: item.policy === null ? null : { ...item.policy },
      })),
    };
  }
}

import { QueryRoute, ValidQuery } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { adverseImpact } from '../domain/adverse-impact';
import { AdverseImpactProjection, type GroupCounts } from './adverse-impact.projection';
import { AdverseImpactQuery, AdverseImpactView } from './adverse-impact.dto';
import { EVERYONE, UNKNOWN_GROUP } from './selection-facts';
import { DECLINED_ANSWER } from '@hirestream/contracts';

/** Counted so that the groups add up to everyone at the stage, never compared. */
const NOT_COMPARED = [DECLINED_ANSWER, UNKNOWN_GROUP];

/**
 * The groups of the dimension in a stable order (named groups alphabetically, then declined and
 * unknown): unknown is everyone decided minus those in a group, so nobody is left out.
 */
export function groupsOfDimension(counts: readonly GroupCounts[]): GroupCounts[] {
  const everyone = counts.find((cell) => cell.group === EVERYONE) ?? {
    group: EVERYONE,
    considered: 0,
    selected: 0,
  };
  const named = counts.filter(
    (cell) => cell.group !== EVERYONE && !NOT_COMPARED.includes(cell.group) && cell.considered > 0,
  );
  const declined = counts.find((cell) => cell.group === DECLINED_ANSWER);
  const inGroups = [...named, ...(declined === undefined ? [] : [declined])];
  const unknown = {
    group: UNKNOWN_GROUP,
    considered: everyone.considered - inGroups.reduce((sum, cell) => sum + cell.considered, 0),
    selected: everyone.selected - inGroups.reduce((sum, cell) => sum + cell.selected, 0),
  };
  return [
    ...named.sort((a, b) => a.group.localeCompare(b.group)),
    ...(declined !== undefined && declined.considered > 0 ? [declined] : []),
    ...(unknown.considered > 0 ? [unknown] : []),
  ];
}

@ApiTags('analytics')
@Controller('analytics')
export class AdverseImpactController {
  constructor(private readonly projection: AdverseImpactProjection) {}

  @QueryRoute({
    path: 'adverse-impact',
    operationId: 'getAdverseImpact',
    summary:
      'Selection rate per self-identified group at a decision stage, the four-fifths ratio and a significance test, as of an instant; groups under 5 people suppressed (auditor, admin)',
    roles: ['auditor', 'admin'],
    response: AdverseImpactView,
  })
  async get(@ValidQuery(AdverseImpactQuery) query: AdverseImpactQuery): Promise<AdverseImpactView> {
    const asOf = query.asOf ?? new Date().toISOString();
    const counts = await this.projection.counts({
      stage: query.stage,
      dimension: query.dimension,
      jobId: query.jobId,
      asOfMs: Date.parse(asOf),
    });
    const groups = groupsOfDimension(counts);
    const present = NOT_COMPARED.filter((name) => groups.some((group) => group.group === name));
    return {
      asOf: new Date(Date.parse(asOf)).toISOString(),
      filters: { stage: query.stage, dimension: query.dimension, jobId: query.jobId ?? null },
      result: adverseImpact(groups, { notCompared: present }),
    };
  }
}

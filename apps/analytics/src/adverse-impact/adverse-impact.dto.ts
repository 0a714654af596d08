import { identifier, oneOf, utcInstant } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { DECISION_STAGES } from './selection-facts';

export const AdverseImpactQuery = Type.Object(
  {
    stage: oneOf(DECISION_STAGES, {
      description: 'The decision stage: screening, interview, offer or hire',
    }),
    dimension: identifier({
      description:
        'A self-identification category (sex, race-ethnicity, veteran-status, disability, ethnicity)',
    }),
    jobId: Type.Optional(identifier({ description: 'One job; every job when left out' })),
    asOf: Type.Optional(
      utcInstant({ description: 'Count the decisions made by this instant (default now)' }),
    ),
  },
  { additionalProperties: false },
);
export type AdverseImpactQuery = Static<typeof AdverseImpactQuery>;

export const AdverseImpactView = Type.Object(
  {
    asOf: utcInstant(),
    filters: Type.Object({
      stage: Type.String(),
      dimension: Type.String(),
      jobId: Type.Union([Type.String(), Type.Null()]),
    }),
    result: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'The adverse-impact result (apps/analytics/src/domain/adverse-impact.ts): compared (groups with rates, impact ratios, tests, flags) or not-enough-data; groups under 5 people suppressed',
    }),
  },
  { title: 'AdverseImpact', additionalProperties: false },
);
export type AdverseImpactView = Static<typeof AdverseImpactView>;

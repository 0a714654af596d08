import { uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { pointText } from '../candidate-state/candidate-state.view';
import { decimal, TimelineEntry } from '../timeline/timeline.view';

export const CandidateDiffQuery = Type.Object(
  { from: pointText(), to: pointText() },
  { additionalProperties: false },
);
export type CandidateDiffQuery = Static<typeof CandidateDiffQuery>;

const pointer = () => Type.String({ description: 'JSON Pointer into the service’s aggregates' });

export const ServiceDifference = Type.Object(
  {
    added: Type.Array(
      Type.Object({ path: pointer(), value: Type.Unknown() }, { additionalProperties: false }),
    ),
    removed: Type.Array(
      Type.Object({ path: pointer(), value: Type.Unknown() }, { additionalProperties: false }),
    ),
    changed: Type.Array(
      Type.Object(
        { path: pointer(), from: Type.Unknown(), to: Type.Unknown() },
        { additionalProperties: false },
      ),
    ),
  },
  { title: 'AuditServiceDifference', additionalProperties: false },
);

const PointView = Type.Object(
  {
    revision: decimal(),
    at: Type.Union([Type.String(), Type.Null()], {
      description: 'The instant asked for, if one was',
    }),
    occurredAt: Type.String({
      format: 'date-time',
      description: 'When the event at the revision happened',
    }),
  },
  { additionalProperties: false },
);

export const CandidateDiffView = Type.Object(
  {
    candidateId: uuid(),
    streamName: Type.String(),
    from: PointView,
    to: PointView,
    events: Type.Array(TimelineEntry, {
      description: 'The events between the two points (after the earlier)',
    }),
    services: Type.Record(Type.String(), ServiceDifference, {
      description: "What changed in each service's aggregates from one point to the other",
    }),
  },
  { title: 'AuditCandidateDiff', additionalProperties: false },
);
export type CandidateDiffView = Static<typeof CandidateDiffView>;

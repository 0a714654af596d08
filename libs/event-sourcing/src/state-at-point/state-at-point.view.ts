import { Type, type Static } from '@sinclair/typebox';
import type { StateAtPoint } from './state-at-point';

const decimal = () => Type.String({ pattern: '^\\d+$' });
const version = () => Type.Integer({ minimum: 0 });

/** A stream name as the state route takes it: printable ASCII, never a system stream (`$…`). */
export const StreamNameParams = Type.Object(
  { streamName: Type.String({ pattern: '^[!-#%-~][!-~]{0,199}$' }) },
  { additionalProperties: false },
);

export const StateAtPointQuery = Type.Object(
  {
    revision: Type.Optional(
      Type.String({
        pattern: '^(0|[1-9][0-9]{0,17})$',
        description:
          "The revision to fold up to, included (a decimal); the stream's end when absent",
      }),
    ),
  },
  { additionalProperties: false },
);

/** The answer of `GET /audit/streams/:streamName/state`, as every service gives it. */
export const StreamStateView = Type.Object(
  {
    streamName: Type.String(),
    revision: decimal(),
    service: Type.String(),
    aggregates: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'Each aggregate folding the stream, by name: its decider state as JSON ({"$bigint": "1"}, {"$date": "…"}, {"$set": […]}, {"$map": {…}}, {"$mapEntries": [[k, v]…]}, {"$number": "NaN"}; a key starting with $ gets one more $)',
    }),
    schemaVersions: Type.Array(
      Type.Object(
        { type: Type.String(), stored: version(), current: version(), events: version() },
        { additionalProperties: false },
      ),
      { description: 'The folded events by type and the schema version they were stored at' },
    ),
    upcasted: Type.Array(
      Type.Object(
        { revision: decimal(), type: Type.String(), fromVersion: version(), toVersion: version() },
        { additionalProperties: false },
      ),
      { description: 'The folded events stored at an older version, lifted by their upcasters' },
    ),
  },
  { title: 'StreamStateAtPoint', additionalProperties: false },
);
export type StreamStateView = Static<typeof StreamStateView>;

export function streamStateView(state: StateAtPoint, service: string): StreamStateView {
  return {
    streamName: state.streamName,
    revision: state.revision.toString(),
    service,
    aggregates: state.aggregates,
    schemaVersions: [...state.schemaVersions],
    upcasted: state.upcasted.map((upcasting) => ({
      ...upcasting,
      revision: upcasting.revision.toString(),
    })),
  };
}

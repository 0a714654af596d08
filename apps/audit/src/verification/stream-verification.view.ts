import type { BundledAnchor, ChainReport } from '@hirestream/event-sourcing';
import { Type, type Static } from '@sinclair/typebox';

const decimal = () => Type.String({ pattern: '^\\d+$' });
const hashOrNull = () => Type.Union([Type.String({ pattern: '^[0-9a-f]{64}$' }), Type.Null()]);

export const StreamVerificationView = Type.Object(
  {
    streamName: Type.String(),
    /** No break found, and the stream reaches its anchored head. */
    intact: Type.Boolean(),
    events: Type.Integer({ minimum: 0, description: 'Every event read' }),
    checked: Type.Integer({ minimum: 0, description: 'Events whose link and hash held' }),
    beforeChain: Type.Union([
      Type.Object(
        { count: Type.Integer({ minimum: 1 }), firstRevision: decimal(), lastRevision: decimal() },
        {
          additionalProperties: false,
          description: 'Events written before the chain began: never a break',
        },
      ),
      Type.Null(),
    ]),
    head: Type.Union([
      Type.Object({ revision: decimal(), hash: hashOrNull() }, { additionalProperties: false }),
      Type.Null(),
    ]),
    anchoredHead: Type.Union([
      Type.Object(
        { sequence: decimal(), revision: decimal(), hash: hashOrNull() },
        {
          additionalProperties: false,
          description: 'The latest anchor’s head of the stream, checked against its end',
        },
      ),
      Type.Null(),
    ]),
    firstBreak: Type.Union([
      Type.Object(
        {
          revision: decimal(),
          eventId: Type.Union([Type.String(), Type.Null()]),
          kind: Type.Union(
            ['altered', 'inserted', 'removed', 'reordered', 'truncated'].map((kind) =>
              Type.Literal(kind),
            ),
          ),
          detail: Type.String(),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { title: 'AuditStreamVerification', additionalProperties: false },
);
export type StreamVerificationView = Static<typeof StreamVerificationView>;

export function streamVerificationView(
  report: ChainReport,
  anchor: BundledAnchor | undefined,
): StreamVerificationView {
  const { head, beforeChain, firstBreak } = report;
  return {
    streamName: report.streamName,
    intact: firstBreak === undefined,
    events: report.events,
    checked: report.checked,
    beforeChain:
      beforeChain === undefined
        ? null
        : {
            count: beforeChain.count,
            firstRevision: beforeChain.firstRevision.toString(),
            lastRevision: beforeChain.lastRevision.toString(),
          },
    head:
      head === undefined ? null : { revision: head.revision.toString(), hash: head.hash ?? null },
    anchoredHead:
      anchor === undefined
        ? null
        : { sequence: anchor.sequence, revision: anchor.head.revision, hash: anchor.head.hash },
    firstBreak:
      firstBreak === undefined
        ? null
        : {
            revision: firstBreak.revision.toString(),
            eventId: firstBreak.eventId ?? null,
            kind: firstBreak.kind,
            detail: firstBreak.detail,
          },
  };
}

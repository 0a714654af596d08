import { candidateStreamName } from '@hirestream/contracts';
import { auditBundle } from '@hirestream/event-sourcing';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller, Headers, Inject, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { AnchorStore } from '../anchors/anchor-store';
import { SigningKey } from '../anchors/signing-key';
import { AUDITORS } from '../audit-roles';
import { candidateStateView } from '../candidate-state/candidate-state.view';
import { CandidateStates } from '../candidate-state/candidate-states';
import { CandidateIdParams } from '../candidate-stream/candidate-id.params';
import { CandidateStreams } from '../candidate-stream/candidate-streams';

export const BUNDLE_CONTENT_TYPE = 'application/x-tar';

@ApiTags('audit')
@Controller('candidates')
export class ExportController {
  constructor(
    private readonly streams: CandidateStreams,
    private readonly states: CandidateStates,
    private readonly anchors: AnchorStore,
    @Inject(SigningKey) private readonly key: SigningKey,
  ) {}

  @QueryRoute({
    path: ':candidateId/export',
    operationId: 'exportCandidate',
    summary:
      "The candidacy's whole history as a signed bundle (a tar: events.jsonl as stored, state.json, manifest.json with the chain head, schema versions and anchor proof, manifest.sig), verifiable offline",
    roles: AUDITORS,
    response: Type.String({ format: 'binary' }),
    problems: [404, 502],
  })
  @ApiProduces(BUNDLE_CONTENT_TYPE)
  async export(
    @ValidParams(CandidateIdParams) { candidateId }: CandidateIdParams,
    @Headers('authorization') authorization: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const streamName = candidateStreamName(candidateId);
    // The anchor first: it can then hold no head past the events read after it.
    const anchor = await this.anchors.latestOf(streamName);
    const stream = await this.streams.read(candidateId);
    const state = await this.states.at(candidateId, stream, undefined, authorization);
    const exportedAt = new Date();
    const bundle = auditBundle(
      {
        streamName,
        exportedAt,
        events: stream.map(({ revision, id, type, created, data, metadata }) => ({
          revision,
          id,
          type,
          created: created.toISOString(),
          data,
          metadata,
        })),
        state: candidateStateView(candidateId, state, undefined),
        anchor: anchor ?? null,
      },
      this.key.privateKey,
    );
    void reply
      .header('content-type', BUNDLE_CONTENT_TYPE)
      .header(
        'content-disposition',
        `attachment; filename="candidate-${candidateId}-${exportedAt.toISOString().replaceAll(':', '')}.tar"`,
      );
    return Buffer.from(bundle);
  }
}

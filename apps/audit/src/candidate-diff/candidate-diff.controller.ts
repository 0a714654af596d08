import { QueryRoute, ValidParams, ValidQuery } from '@hirestream/platform';
import { Controller, Headers } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AUDITORS } from '../audit-roles';
import { CandidateStates, type CandidateAtPoint } from '../candidate-state/candidate-states';
import { CandidateIdParams } from '../candidate-stream/candidate-id.params';
import { CandidateStreams } from '../candidate-stream/candidate-streams';
import { streamPointOf } from '../candidate-stream/stream-point';
import { timelineEntryOf } from '../timeline/timeline.view';
import { CandidateDiffQuery, CandidateDiffView } from './candidate-diff.view';
import { jsonDiff } from './json-diff';

function pointView(point: CandidateAtPoint, asked: string) {
  return {
    revision: point.revision.toString(),
    at: /^\d+$/.test(asked) ? null : asked,
    occurredAt: point.events.at(-1)!.occurredAt,
  };
}

@ApiTags('audit')
@Controller('candidates')
export class CandidateDiffController {
  constructor(
    private readonly streams: CandidateStreams,
    private readonly states: CandidateStates,
  ) {}

  @QueryRoute({
    path: ':candidateId/diff',
    operationId: 'getCandidateDiff',
    summary:
      "What changed in every service's state of the candidacy between two points (revisions or instants), and the events between",
    roles: AUDITORS,
    response: CandidateDiffView,
    problems: [404, 502],
  })
  async diff(
    @ValidParams(CandidateIdParams) { candidateId }: CandidateIdParams,
    @ValidQuery(CandidateDiffQuery) { from, to }: CandidateDiffQuery,
    @Headers('authorization') authorization: string,
  ): Promise<CandidateDiffView> {
    const stream = await this.streams.read(candidateId);
    const [before, after] = await Promise.all(
      [from, to].map((point) =>
        this.states.at(candidateId, stream, streamPointOf(point), authorization),
      ),
    );
    const [low, high] = before.revision <= after.revision ? [before, after] : [after, before];
    return {
      candidateId,
      streamName: before.streamName,
      from: pointView(before, from),
      to: pointView(after, to),
      events: high.events.filter((event) => event.revision > low.revision).map(timelineEntryOf),
      services: Object.fromEntries(
        Object.keys(after.services).map((service) => [
          service,
          jsonDiff(before.services[service]?.aggregates ?? {}, after.services[service].aggregates),
        ]),
      ),
    };
  }
}

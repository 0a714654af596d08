import { candidateStreamName } from '@hirestream/contracts';
import { QueryRoute, ValidParams } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CandidateIdParams } from '../candidate-stream/candidate-id.params';
import { CandidateStreams } from '../candidate-stream/candidate-streams';
import { AUDITORS } from '../audit-roles';
import { timelineEntryOf, TimelineView } from './timeline.view';

@ApiTags('audit')
@Controller('candidates')
export class TimelineController {
  constructor(private readonly streams: CandidateStreams) {}

  @QueryRoute({
    path: ':candidateId/timeline',
    operationId: 'getCandidateTimeline',
    summary: "Who did what to the candidacy, when, in which role and why, every service's events",
    roles: AUDITORS,
    response: TimelineView,
    problems: [404],
  })
  async timeline(
    @ValidParams(CandidateIdParams) { candidateId }: CandidateIdParams,
  ): Promise<TimelineView> {
    const events = await this.streams.readOpened(candidateId);
    return {
      candidateId,
      streamName: candidateStreamName(candidateId),
      events: events.map(timelineEntryOf),
    };
  }
}

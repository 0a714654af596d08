import { candidateStreamName } from '@hirestream/contracts';
import { Injectable } from '@nestjs/common';
import type { StoredEvent } from '../candidate-stream/candidate-streams';
import { revisionAt, type StreamPoint } from '../candidate-stream/stream-point';
import { ServiceStates, type ServiceState } from '../service-states/service-states';

/** A candidacy at a point: the events up to it, and every service's state after them. */
export type CandidateAtPoint = Readonly<{
  streamName: string;
  revision: bigint;
  /** Every event of the stream up to and including `revision`. */
  events: readonly StoredEvent[];
  services: Readonly<Record<string, ServiceState>>;
}>;

/** Puts together a candidacy at a point from its stream and every service's own fold. */
@Injectable()
export class CandidateStates {
  constructor(private readonly services: ServiceStates) {}

  /**
   * The candidacy at `point` (its end when undefined), from its whole stream
   * (read once by the caller: it says what an instant means and gives the
   * events), and each service's fold at that revision.
   */
  async at(
    candidateId: string,
    stream: readonly StoredEvent[],
    point: StreamPoint | undefined,
    authorization: string,
  ): Promise<CandidateAtPoint> {
    const streamName = candidateStreamName(candidateId);
    const revision = point === undefined ? stream.at(-1)!.revision : revisionAt(stream, point);
    return {
      streamName,
      revision,
      events: stream.filter((event) => event.revision <= revision),
      services: await this.services.at(streamName, revision, authorization),
    };
  }
}

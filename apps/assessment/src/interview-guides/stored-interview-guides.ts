import type { InterviewKind, StampedRubric } from '@hirestream/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { interviewKitStreamName } from '../domain/interview-kit.stream';
import { rubricStreamName } from '../domain/rubric.decider';
import { currentVersion, rubricVersionIn, type RubricVersion } from '../domain/rubric.state';
import {
  INTERVIEW_KITS,
  RUBRICS,
  type InterviewKitGateway,
  type RubricGateway,
} from './interview-guide-gateways';
import type { InterviewGuides, InterviewKitView } from './interview-guides';
import type { RubricView } from './rubric.view';

/** What feedback is stamped with: a rubric version's criteria, without their descriptors. */
export function stampedRubric({ rubricId, version, criteria }: RubricVersion): StampedRubric {
  return {
    rubricId,
    version,
    criteria: criteria.map(({ criterionId, name, weight }) => ({ criterionId, name, weight })),
  };
}

/**
 * The interview guides read from their streams through the gateways' loads
 * (folded with the deciders' `evolve`, the state of recently read streams kept):
 * kits are found by their stream's name, so no projection is needed.
 */
@Injectable()
export class StoredInterviewGuides implements InterviewGuides {
  constructor(
    @Inject(RUBRICS) private readonly rubrics: RubricGateway,
    @Inject(INTERVIEW_KITS) private readonly kits: InterviewKitGateway,
  ) {}

  async kitFor(jobId: string, kind: InterviewKind): Promise<InterviewKitView | null> {
    const { state } = await this.kits.load(interviewKitStreamName(jobId, kind));
    return state.current;
  }

  async rubricForInterview(jobId: string, kind: InterviewKind): Promise<StampedRubric | null> {
    const kit = await this.kitFor(jobId, kind);
    return kit === null ? null : this.currentRubric(kit.rubricId);
  }

  async currentRubric(rubricId: string): Promise<StampedRubric | null> {
    const { state } = await this.rubrics.load(rubricStreamName(rubricId));
    const current = currentVersion(state);
    return current === undefined ? null : stampedRubric(current);
  }

  async rubricVersion(rubricId: string, version?: number): Promise<RubricView | null> {
    const { state } = await this.rubrics.load(rubricStreamName(rubricId));
    return rubricVersionIn(state, version) ?? null;
  }
}

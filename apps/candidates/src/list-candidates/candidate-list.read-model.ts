import type { CandidateEvent, CandidateStage } from '@hirestream/contracts';
import { assertNever } from '@hirestream/event-sourcing';

export type CandidateListItem = Readonly<{
  id: string;
  fullName: string;
  jobId: string;
  stage: CandidateStage;
  registeredAt: string;
  updatedAt: string;
}>;

export type CandidateListQuery = Readonly<{
  jobId?: string;
  stage?: CandidateStage;
  limit: number;
  offset: number;
}>;

/**
 * The candidate list, kept in memory and fed by its projection with every
 * candidate event. Pure: it only folds events and answers queries.
 */
export class CandidateList {
  private readonly byId = new Map<string, CandidateListItem>();

  apply(event: CandidateEvent, occurredAt: string): void {
    const { candidateId } = event.data;
    const current = this.byId.get(candidateId);
    switch (event.type) {
      case 'CandidateRegistered':
        this.byId.set(candidateId, {
          id: candidateId,
          fullName: event.data.fullName,
          jobId: event.data.jobId,
          stage: 'applied',
          registeredAt: occurredAt,
          updatedAt: occurredAt,
        });
        return;
      case 'CandidateStageChanged':
        if (current)
          this.byId.set(candidateId, { ...current, stage: event.data.to, updatedAt: occurredAt });
        return;
      case 'CandidateRejected':
        if (current)
          this.byId.set(candidateId, { ...current, stage: 'rejected', updatedAt: occurredAt });
        return;
      case 'CandidateWithdrew':
        if (current)
          this.byId.set(candidateId, { ...current, stage: 'withdrawn', updatedAt: occurredAt });
        return;
      case 'ScreeningRecorded':
        if (current) this.byId.set(candidateId, { ...current, updatedAt: occurredAt });
        return;
      default:
        assertNever(event);
    }
  }

  /** Matching candidates, oldest registration first, one page at a time. */
  query(query: CandidateListQuery): { total: number; items: CandidateListItem[] } {
    const matching = [...this.byId.values()].filter(
      (item) =>
        (query.jobId === undefined || item.jobId === query.jobId) &&
        (query.stage === undefined || item.stage === query.stage),
    );
    return {
      total: matching.length,
      items: matching.slice(query.offset, query.offset + query.limit),
    };
  }
}

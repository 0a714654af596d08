import { dataKeyId } from '@hirestream/personal-data';
import type { ColumnLocation, PersonalColumns } from './personal-columns';

/** A candidacy's folded state (JSON), as a projection keeps it in a row of its own. */
export type CandidacyState = Readonly<{ candidateId: string; state: unknown }>;

/**
 * The folded states a projection keeps per candidacy (a `state` column, one row
 * per candidate id), with the personal strings in them (at `paths`: JSON
 * Pointers, `*` for every item of an array) sealed under the candidacy's data
 * key, which every event of a candidate's stream keeps its personal values
 * under. Each value is bound to its row (`<table>:<candidate id>`) and its
 * place in the state; the rest of the state stays plain and readable after the
 * candidacy's erasure, when those strings read `[erased]`.
 */
export class CandidacyStates {
  constructor(
    private readonly table: string,
    private readonly paths: readonly string[],
  ) {}

  /** Each state as its row keeps it, in order. */
  seal(personal: PersonalColumns, states: readonly CandidacyState[]): Promise<unknown[]> {
    return personal.sealStates(
      states.map(({ candidateId, state }) => ({
        state,
        keyIds: [dataKeyId('candidate', candidateId)],
        at: this.at(candidateId),
      })),
      this.paths,
    );
  }

  /** Each state as kept, opened, in order, with one key fetch for them all. */
  open(personal: PersonalColumns, states: readonly CandidacyState[]): Promise<unknown[]> {
    return personal.openStates(
      states.map(({ candidateId, state }) => ({ state, at: this.at(candidateId) })),
      this.paths,
    );
  }

  private at(candidateId: string): ColumnLocation {
    return { row: `${this.table}:${candidateId}`, column: 'state' };
  }
}

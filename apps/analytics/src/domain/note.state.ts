import type { Candidacy } from '@hirestream/contracts';

/** The analytics view of one candidate's stream: the candidacy, and the notes recorded. */
export type CandidateNotes = Readonly<{
  candidacy: Candidacy | null;
  noteIds: readonly string[];
}>;

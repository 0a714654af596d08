import type { RubricPublished } from '@hirestream/contracts';

/** One published version of a rubric, exactly as its event recorded it. */
export type RubricVersion = RubricPublished['data'];

/**
 * A rubric's versions in order (`versions[i].version === i + 1`); none for a
 * rubric never published. Feedback stamped with an old version is read against
 * that version, so every version is kept.
 */
export type RubricState = Readonly<{ versions: readonly RubricVersion[] }>;

/** The newest version, or undefined for a rubric never published. */
export function currentVersion(state: RubricState): RubricVersion | undefined {
  return state.versions.at(-1);
}

/** Version `version` (the current one when none is named), or undefined when there is none. */
export function rubricVersionIn(state: RubricState, version?: number): RubricVersion | undefined {
  return version === undefined ? currentVersion(state) : state.versions[version - 1];
}

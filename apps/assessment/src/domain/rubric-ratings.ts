import {
  CommandRejectedError,
  type CriterionRating,
  type StampedRubric,
} from '@hirestream/contracts';

/**
 * Nothing but the rubric version's criteria rated, each at most once (1–4, or
 * null for "not assessed"); and, when `complete` (a submission, not a draft),
 * every one of them rated.
 */
export function checkRatings(
  rubric: StampedRubric,
  ratings: readonly CriterionRating[],
  what: string,
  complete = true,
): void {
  const criteria = new Set(rubric.criteria.map((criterion) => criterion.criterionId));
  const rated = new Set<string>();
  for (const { criterionId } of ratings) {
    if (!criteria.has(criterionId)) {
      throw new CommandRejectedError(
        'unknown-criterion',
        `${what} rates ${criterionId}, which rubric ${rubric.rubricId} version ${rubric.version} does not have`,
      );
    }
    if (rated.has(criterionId)) {
      throw new CommandRejectedError(
        'criterion-rated-twice',
        `${what} rates ${criterionId} more than once`,
      );
    }
    rated.add(criterionId);
  }
  const unrated = [...criteria].filter((criterionId) => !rated.has(criterionId));
  if (complete && unrated.length > 0) {
    throw new CommandRejectedError(
      'criterion-not-rated',
      `${what} leaves ${unrated.join(', ')} unrated; rate each criterion 1–4, or null for "not assessed"`,
    );
  }
}

import {
  CommandRejectedError,
  type CriterionRating,
  type StampedRubric,
} from '@hirestream/contracts';

/**
 * Every criterion of the rubric version rated exactly once (1–4, or null for
 * "not assessed"), and nothing else rated.
 */
export function checkRatings(
  rubric: StampedRubric,
  ratings: readonly CriterionRating[],
  what: string,
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
  if (unrated.length > 0) {
    throw new CommandRejectedError(
      'criterion-not-rated',
      `${what} leaves ${unrated.join(', ')} unrated; rate each criterion 1–4, or null for "not assessed"`,
    );
  }
}

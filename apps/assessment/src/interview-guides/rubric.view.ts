import {
  AggregateNotFoundError,
  rubricContentFields,
  uuid,
  type DeepReadonly,
} from '@hirestream/contracts';
import type { LoadedStream } from '@hirestream/event-sourcing';
import { entityTagOf } from '@hirestream/platform';
import { Type, type Static } from '@sinclair/typebox';
import { rubricVersionIn, type RubricState, type RubricVersion } from '../domain/rubric.state';

/** One version of a rubric: its criteria, weights and rating descriptors. */
export const RubricView = Type.Object(
  { rubricId: uuid(), version: Type.Integer({ minimum: 1 }), ...rubricContentFields },
  { title: 'Rubric', additionalProperties: false },
);
export type RubricView = DeepReadonly<Static<typeof RubricView>>;

/** The rubric's version `version`, or its current one; 404 for a rubric or version never published. */
export function rubricVersionOf(
  rubricId: string,
  state: RubricState,
  version?: number,
): RubricVersion {
  const found = rubricVersionIn(state, version);
  if (found === undefined) {
    throw new AggregateNotFoundError(
      version === undefined || state.versions.length === 0
        ? `rubric ${rubricId} does not exist`
        : `rubric ${rubricId} has no version ${version} (its current version is ${state.versions.length})`,
    );
  }
  return found;
}

/** Answers with the rubric's current version and the stream's revision as the ETag. */
export function replyWithRubric(
  reply: { header(name: string, value: string): unknown },
  rubricId: string,
  { state, revision }: LoadedStream<RubricState>,
): RubricView {
  const current = rubricVersionOf(rubricId, state);
  if (revision !== undefined) reply.header('etag', entityTagOf(revision));
  return current;
}

import {
  AggregateNotFoundError,
  CommandRejectedError,
  type RubricEvent,
  type RubricPublished,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import type { PublishRubric, ReviseRubric, RubricCommand, RubricContent } from './rubric.commands';
import { currentVersion, type RubricState } from './rubric.state';

const RUBRIC_STREAM_PREFIX = 'rubric-';

/** A rubric's stream: every version of it, in order. */
export function rubricStreamName(rubricId: string): string {
  return `${RUBRIC_STREAM_PREFIX}${rubricId}`;
}

function checkCriteria({ criteria }: RubricContent): void {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const { criterionId, name } of criteria) {
    if (ids.has(criterionId)) {
      throw new CommandRejectedError(
        'duplicate-criterion-id',
        `criterion id ${criterionId} is used more than once; each criterion of a rubric has its own id`,
      );
    }
    // Two criteria an interviewer cannot tell apart would be rated at random.
    const key = name.toLocaleLowerCase('en');
    if (names.has(key)) {
      throw new CommandRejectedError(
        'duplicate-criterion-name',
        `criterion name "${name}" is used more than once; each criterion of a rubric has its own name`,
      );
    }
    ids.add(criterionId);
    names.add(key);
  }
}

/** The content in a fixed order, so two publications of the same content compare equal. */
function contentKey({ name, criteria }: RubricContent): string {
  return JSON.stringify([
    name,
    criteria.map((c) => [
      c.criterionId,
      c.name,
      c.description,
      c.weight,
      [c.descriptors['1'], c.descriptors['2'], c.descriptors['3'], c.descriptors['4']],
    ]),
  ]);
}

function published(
  { rubricId, name, criteria }: PublishRubric['data'],
  version: number,
): RubricPublished {
  return { type: 'RubricPublished', data: { rubricId, version, name, criteria } };
}

function publish(command: PublishRubric, state: RubricState): RubricPublished {
  if (state.versions.length > 0) {
    throw new CommandRejectedError(
      'rubric-already-published',
      `rubric ${command.data.rubricId} is already published; publish a new version of it instead`,
    );
  }
  checkCriteria(command.data);
  return published(command.data, 1);
}

/** Publishing the current version's content again adds no version, so a repeated PUT changes nothing. */
function revise(command: ReviseRubric, state: RubricState): RubricPublished[] {
  const current = currentVersion(state);
  if (current === undefined) {
    throw new AggregateNotFoundError(`rubric ${command.data.rubricId} does not exist`);
  }
  checkCriteria(command.data);
  if (contentKey(current) === contentKey(command.data)) return [];
  return [published(command.data, current.version + 1)];
}

function decide(command: RubricCommand, state: RubricState): RubricEvent | RubricEvent[] {
  switch (command.type) {
    case 'PublishRubric':
      return publish(command, state);
    case 'ReviseRubric':
      return revise(command, state);
    default:
      return assertNever(command);
  }
}

function evolve(state: RubricState, event: RubricEvent): RubricState {
  switch (event.type) {
    case 'RubricPublished':
      return { versions: [...state.versions, event.data] };
    default:
      return assertNever(event.type);
  }
}

export const rubricDecider: Decider<RubricState, RubricCommand, RubricEvent> = {
  decide,
  evolve,
  initialState: () => ({ versions: [] }),
  eventTypes: new Set(['RubricPublished']),
};

/** A rubric's stream is the consistency boundary of its version numbers. */
export const rubricAggregate: Aggregate<RubricState, RubricCommand, RubricEvent> = {
  name: 'rubric',
  decider: rubricDecider,
  streamOf: (command) => rubricStreamName(command.data.rubricId),
};

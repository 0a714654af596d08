import {
  CommandRejectedError,
  type InterviewKitEvent,
  type InterviewKitPublished,
  type KitQuestion,
  type StampedRubric,
} from '@hirestream/contracts';
import { assertNever, type Aggregate, type Decider } from '@hirestream/event-sourcing';
import type { InterviewKitCommand, PublishInterviewKit } from './interview-kit.commands';
import type { InterviewKitState } from './interview-kit.state';
import { interviewKitStreamName } from './interview-kit.stream';

type KitContent = Pick<InterviewKitPublished['data'], 'title' | 'rubricId' | 'questions'>;

function checkedRubric({ rubricId, rubric }: PublishInterviewKit['data']): StampedRubric {
  if (rubric === null || rubric.rubricId !== rubricId) {
    throw new CommandRejectedError(
      'unknown-rubric',
      `rubric ${rubricId} does not exist; publish the rubric before the kit that uses it`,
    );
  }
  return rubric;
}

function checkQuestions(questions: readonly KitQuestion[], rubric: StampedRubric): void {
  const criteria = new Set(rubric.criteria.map((c) => c.criterionId));
  const questionIds = new Set<string>();
  for (const { questionId, criterionIds } of questions) {
    if (questionIds.has(questionId)) {
      throw new CommandRejectedError(
        'duplicate-question-id',
        `question id ${questionId} is used more than once; each question of a kit has its own id`,
      );
    }
    questionIds.add(questionId);
    if (new Set(criterionIds).size !== criterionIds.length) {
      throw new CommandRejectedError(
        'duplicate-question-criterion',
        `question ${questionId} names a criterion more than once`,
      );
    }
    const unknown = criterionIds.find((id) => !criteria.has(id));
    if (unknown !== undefined) {
      throw new CommandRejectedError(
        'unknown-criterion',
        `question ${questionId} probes criterion ${unknown}, which version ${rubric.version} of rubric ${rubric.rubricId} does not have` +
          ` (it has ${[...criteria].join(', ')})`,
      );
    }
  }
}

/** The content in a fixed order, so two publications of the same content compare equal. */
function contentKey({ title, rubricId, questions }: KitContent): string {
  return JSON.stringify([
    title,
    rubricId,
    questions.map((q) => [q.questionId, q.type, q.text, q.guidance, q.criterionIds]),
  ]);
}

/** Publishing the current version's content again adds no version, so a repeated PUT changes nothing. */
function publish(
  command: PublishInterviewKit,
  { current }: InterviewKitState,
): InterviewKitPublished[] {
  const { rubric: _rubric, ...kit } = command.data;
  checkQuestions(kit.questions, checkedRubric(command.data));
  if (current !== null && contentKey(current) === contentKey(kit)) return [];
  const { jobId, interviewKind, title, rubricId, questions } = kit;
  return [
    {
      type: 'InterviewKitPublished',
      data: {
        jobId,
        interviewKind,
        version: (current?.version ?? 0) + 1,
        title,
        rubricId,
        questions,
      },
    },
  ];
}

function decide(command: InterviewKitCommand, state: InterviewKitState): InterviewKitEvent[] {
  switch (command.type) {
    case 'PublishInterviewKit':
      return publish(command, state);
    default:
      return assertNever(command.type);
  }
}

function evolve(_state: InterviewKitState, event: InterviewKitEvent): InterviewKitState {
  switch (event.type) {
    case 'InterviewKitPublished':
      return { current: event.data };
    default:
      return assertNever(event.type);
  }
}

export const interviewKitDecider: Decider<
  InterviewKitState,
  InterviewKitCommand,
  InterviewKitEvent
> = {
  decide,
  evolve,
  initialState: () => ({ current: null }),
  eventTypes: new Set(['InterviewKitPublished']),
};

/** A job's kit for one interview kind is one stream: the consistency boundary of its versions. */
export const interviewKitAggregate: Aggregate<
  InterviewKitState,
  InterviewKitCommand,
  InterviewKitEvent
> = {
  name: 'interview-kit',
  decider: interviewKitDecider,
  streamOf: (command) => interviewKitStreamName(command.data.jobId, command.data.interviewKind),
};

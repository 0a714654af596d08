import {
  CommandRejectedError,
  type InterviewKitEvent,
  type KitQuestion,
  type StampedRubric,
} from '@hirestream/contracts';
import { deciderSpecification, refusedWith } from '@hirestream/event-sourcing';
import type { InterviewKitCommand } from './interview-kit.commands';
import { interviewKitDecider } from './interview-kit.decider';

const spec = deciderSpecification(interviewKitDecider);
const rubricId = '0f8fad5b-d9cb-469f-a165-70867728950e';

const rubric: StampedRubric = {
  rubricId,
  version: 2,
  criteria: [
    { criterionId: 'system-design', name: 'System design', weight: 3 },
    { criterionId: 'testing', name: 'Testing', weight: 2 },
  ],
};
const question = (questionId: string, criterionIds: string[]): KitQuestion => ({
  questionId,
  type: 'technical',
  text: 'Design a rate limiter for an API.',
  guidance: 'Listen for where the counters live and what happens when they are lost.',
  criterionIds,
});
const kit = (questions: KitQuestion[], title = 'Senior backend: technical interview') => ({
  jobId: 'acme:job-7',
  interviewKind: 'technical' as const,
  title,
  rubricId,
  questions,
});
const published = (
  version: number,
  questions: KitQuestion[],
  title?: string,
): InterviewKitEvent => ({
  type: 'InterviewKitPublished',
  data: { ...kit(questions, title), version },
});
const publish = (
  questions: KitQuestion[],
  read: StampedRubric | null = rubric,
  title?: string,
): InterviewKitCommand => ({
  type: 'PublishInterviewKit',
  data: { ...kit(questions, title), rubric: read },
});

const design = question('q-1', ['system-design']);
const tests = question('q-2', ['testing', 'system-design']);

describe('interview kit decider', () => {
  it('publishes version 1 of a kit', () => {
    spec
      .given([])
      .when(publish([design]))
      .then([published(1, [design])]);
  });

  it('publishes the next version as a new event', () => {
    spec
      .given([published(1, [design])])
      .when(publish([design, tests]))
      .then([published(2, [design, tests])]);
  });

  it('publishes nothing for the content of the current version (a repeated PUT)', () => {
    spec
      .given([published(1, [design]), published(2, [design, tests])])
      .when(publish([design, tests]))
      .then([]);
  });

  it('counts a changed title as a new version', () => {
    spec
      .given([published(1, [design])])
      .when(publish([design], rubric, 'Technical interview'))
      .then([published(2, [design], 'Technical interview')]);
  });

  it('accepts a question that probes no criterion (a warm-up)', () => {
    const warmUp = question('q-0', []);
    spec
      .given([])
      .when(publish([warmUp, design]))
      .then([published(1, [warmUp, design])]);
  });

  it('refuses a kit whose rubric was never published', () => {
    spec
      .given([])
      .when(publish([design], null))
      .thenThrows(CommandRejectedError, refusedWith('unknown-rubric', rubricId));
  });

  it('refuses a kit checked against another rubric than the one it names', () => {
    const other = { ...rubric, rubricId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };
    spec
      .given([])
      .when(publish([design], other))
      .thenThrows(CommandRejectedError, refusedWith('unknown-rubric'));
  });

  it("refuses a question probing a criterion the rubric's current version does not have", () => {
    spec
      .given([published(1, [design])])
      .when(publish([design, question('q-3', ['communication'])]))
      .thenThrows(
        CommandRejectedError,
        refusedWith('unknown-criterion', 'q-3', 'communication', 'version 2'),
      );
  });

  it('refuses two questions with one id', () => {
    spec
      .given([])
      .when(publish([design, question('q-1', ['testing'])]))
      .thenThrows(CommandRejectedError, refusedWith('duplicate-question-id'));
  });

  it('refuses a question naming a criterion twice', () => {
    spec
      .given([])
      .when(publish([question('q-1', ['testing', 'testing'])]))
      .thenThrows(CommandRejectedError, refusedWith('duplicate-question-criterion', 'q-1'));
  });
});

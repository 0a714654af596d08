import {
  AggregateNotFoundError,
  CommandRejectedError,
  type RubricEvent,
} from '@hirestream/contracts';
import { deciderSpecification, refusedWith } from '@hirestream/event-sourcing';
import type { RubricCommand, RubricContent } from './rubric.commands';
import { rubricDecider } from './rubric.decider';

const spec = deciderSpecification(rubricDecider);
const rubricId = '0f8fad5b-d9cb-469f-a165-70867728950e';

const descriptors = {
  '1': 'Could not explain the trade-offs',
  '2': 'Named one trade-off',
  '3': 'Weighed the main trade-offs',
  '4': 'Compared three designs and chose with reasons',
};
const criterion = (criterionId: string, name: string, weight = 1) => ({
  criterionId,
  name,
  description: `How well the candidate shows ${name.toLowerCase()}`,
  weight,
  descriptors,
});
const content = (...criteria: ReturnType<typeof criterion>[]): RubricContent => ({
  name: 'Backend engineer, senior',
  criteria,
});
const design = criterion('system-design', 'System design', 3);
const testing = criterion('testing', 'Testing', 2);

const published = (version: number, rubric: RubricContent): RubricEvent => ({
  type: 'RubricPublished',
  data: { rubricId, version, ...rubric },
});
const publish = (rubric: RubricContent): RubricCommand => ({
  type: 'PublishRubric',
  data: { rubricId, ...rubric },
});
const revise = (rubric: RubricContent): RubricCommand => ({
  type: 'ReviseRubric',
  data: { rubricId, ...rubric },
});

describe('rubric decider', () => {
  describe('PublishRubric', () => {
    it('publishes version 1', () => {
      spec
        .given([])
        .when(publish(content(design, testing)))
        .then([published(1, content(design, testing))]);
    });

    it('refuses a rubric already published', () => {
      spec
        .given([published(1, content(design))])
        .when(publish(content(design)))
        .thenThrows(CommandRejectedError, refusedWith('rubric-already-published'));
    });

    it('refuses two criteria with one id', () => {
      spec
        .given([])
        .when(publish(content(design, criterion('system-design', 'Architecture'))))
        .thenThrows(CommandRejectedError, refusedWith('duplicate-criterion-id'));
    });

    it('refuses two criteria with one name, whatever their case', () => {
      spec
        .given([])
        .when(publish(content(design, criterion('design-2', 'SYSTEM DESIGN'))))
        .thenThrows(CommandRejectedError, refusedWith('duplicate-criterion-name'));
    });
  });

  describe('ReviseRubric', () => {
    it('publishes the next version as a new event, leaving the earlier ones as they were', () => {
      spec
        .given([published(1, content(design)), published(2, content(design, testing))])
        .when(revise(content(testing)))
        .then([published(3, content(testing))]);
    });

    it('publishes nothing for the content of the current version (a repeated PUT)', () => {
      spec
        .given([published(1, content(design)), published(2, content(design, testing))])
        .when(revise(content(design, testing)))
        .then([]);
    });

    it('publishes the content of an earlier version again as a new version', () => {
      spec
        .given([published(1, content(design)), published(2, content(design, testing))])
        .when(revise(content(design)))
        .then([published(3, content(design))]);
    });

    it('counts a changed descriptor as a new version', () => {
      const sharper = { ...design, descriptors: { ...descriptors, '4': 'Designed it end to end' } };
      spec
        .given([published(1, content(design))])
        .when(revise(content(sharper)))
        .then([published(2, content(sharper))]);
    });

    it('refuses a rubric never published (404)', () => {
      spec
        .given([])
        .when(revise(content(design)))
        .thenThrows(AggregateNotFoundError, (error) => error.message.includes(rubricId));
    });

    it('refuses two criteria with one id', () => {
      spec
        .given([published(1, content(design))])
        .when(revise(content(testing, criterion('testing', 'Test design'))))
        .thenThrows(CommandRejectedError, refusedWith('duplicate-criterion-id'));
    });
  });
});

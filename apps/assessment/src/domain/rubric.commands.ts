import type { Command } from '@hirestream/contracts';
import type { RubricVersion } from './rubric.state';

/** A rubric's content as an author writes it: its name and criteria. */
export type RubricContent = Omit<RubricVersion, 'rubricId' | 'version'>;

/** The first version of a new rubric, under a freshly made id. */
export type PublishRubric = Command<'PublishRubric', { rubricId: string } & RubricContent>;

/** The next version of a published rubric; the versions before it stay as they were. */
export type ReviseRubric = Command<'ReviseRubric', { rubricId: string } & RubricContent>;

export type RubricCommand = PublishRubric | ReviseRubric;

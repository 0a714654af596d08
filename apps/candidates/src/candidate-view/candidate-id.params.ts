import { uuid } from '@hirestream/contracts';
import { Type } from '@sinclair/typebox';

export const CandidateIdParams = Type.Object({ id: uuid() }, { additionalProperties: false });

import { uuid } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const PanelDecisionsParams = Type.Object({ id: uuid() }, { additionalProperties: false });
export type PanelDecisionsParams = Static<typeof PanelDecisionsParams>;

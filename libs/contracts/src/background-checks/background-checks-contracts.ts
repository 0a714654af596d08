import type { EventOf } from '../core/event-contract';
import { adverseActionEventContracts } from './adverse-action-contracts';
import { checkLifecycleEventContracts } from './check-contracts';
import { checkItemEventContracts } from './check-item-contracts';

/** Every event the background-checks service writes (all to the candidate's stream). */
export const backgroundChecksEventContracts = [
  ...checkLifecycleEventContracts,
  ...checkItemEventContracts,
  ...adverseActionEventContracts,
] as const;

/** The background-checks events written to a candidate's stream. */
export type BackgroundChecksEvent = EventOf<(typeof backgroundChecksEventContracts)[number]>;

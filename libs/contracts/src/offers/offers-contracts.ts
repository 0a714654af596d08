import type { EventOf } from '../core/event-contract';
import { offerEventContracts } from './offer-contracts';

/** Every event the offers service writes (all on the candidate's stream). */
export const offersEventContracts = [...offerEventContracts] as const;

/** The offers events written to a candidate's stream. */
export type OffersEvent = EventOf<(typeof offersEventContracts)[number]>;

import { assessmentEventContracts } from './assessment/assessment-contracts';
import { candidateEventContracts } from './candidates/candidate-contracts';
import { EventCatalog } from './core/event-catalog';
import { schedulingEventContracts } from './scheduling/scheduling-contracts';
/** Every hirestream event contract; each service adds its own here. */
export const hirestreamEventCatalog = new EventCatalog([
  ...candidateEventContracts,
  ...schedulingEventContracts,
  ...assessmentEventContracts,
]);

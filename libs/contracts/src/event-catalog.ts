import { assessmentEventContracts } from './assessment/assessment-contracts';
import { candidateEventContracts } from './candidates/candidate-contracts';
import { personalDataEventContracts } from './candidates/personal-data-contracts';
import { EventCatalog } from './core/event-catalog';
import { schedulingEventContracts } from './scheduling/scheduling-contracts';
import { backgroundChecksEventContracts } from './background-checks/background-checks-contracts';
import { offersEventContracts } from './offers/offers-contracts';
import { analyticsEventContracts } from './analytics/analytics-contracts';
/** Every hirestream event contract; each service adds its own here. */
export const hirestreamEventCatalog = new EventCatalog([
  ...candidateEventContracts,
  ...personalDataEventContracts,
  ...schedulingEventContracts,
  ...assessmentEventContracts,
  ...backgroundChecksEventContracts,
  ...offersEventContracts,
  ...analyticsEventContracts,
]);

import { ReadModelConfig } from '@hirestream/read-models';

/** The analytics service's configuration: the read models' (its projections) and its own. */
export class AnalyticsConfig extends ReadModelConfig {}

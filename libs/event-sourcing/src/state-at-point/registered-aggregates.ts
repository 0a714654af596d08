import type { FoldableAggregate } from './state-at-point';

/**
 * The aggregates a service decides with: each `provideCommandGateway` adds its
 * own, so the state-at-a-point route folds what the service's gateways fold
 * without being told.
 */
export class RegisteredAggregates {
  private readonly byName = new Map<string, FoldableAggregate>();

  add(aggregate: FoldableAggregate): void {
    this.byName.set(aggregate.name, aggregate);
  }

  get all(): readonly FoldableAggregate[] {
    return [...this.byName.values()];
  }
}

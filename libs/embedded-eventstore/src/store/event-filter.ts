/** A server-side subscription filter on stream names or event types, by prefixes or a regex. */
export interface EventFilterSpec {
  readonly on: 'stream_name' | 'event_type';
  readonly prefixes: readonly string[];
  readonly regex: string | undefined;
}

/**
 * Decides names against the spec, remembering the answer per interned stream or type id so a
 * scan of $all costs one Map lookup an event rather than a regex run.
 */
export class EventFilter {
  private readonly pattern: RegExp | undefined;
  private readonly decisions = new Map<number, boolean>();

  constructor(readonly spec: EventFilterSpec) {
    this.pattern = spec.regex === undefined ? undefined : new RegExp(spec.regex);
  }

  matches(name: string): boolean {
    if (this.pattern !== undefined && !this.pattern.test(name)) return false;
    if (
      this.spec.prefixes.length > 0 &&
      !this.spec.prefixes.some((prefix) => name.startsWith(prefix))
    )
      return false;
    return true;
  }

  matchesId(id: number, nameOf: (id: number) => string): boolean {
    let decision = this.decisions.get(id);
    if (decision === undefined) {
      decision = this.matches(nameOf(id));
      this.decisions.set(id, decision);
    }
    return decision;
  }
}

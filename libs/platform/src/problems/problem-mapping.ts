import { problemType, slugOfErrorName } from './problem-details';

/** Any error class, including abstract ones; subclasses match too. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Turns a service's own error class into a problem response, so the domain
 * throws plain errors and stays free of HTTP. The error's message becomes the
 * `detail`, so it must be fit for the client.
 */
export interface ProblemMapping {
  readonly error: ErrorClass;
  readonly status: number;
  readonly title: string;
  /** Defaults to `urn:hirestream:problem:<error name without "Error", kebab-case>`. */
  readonly type?: string;
  /** Extension members taken from the error, e.g. `(e) => ({ rule: e.rule })`. */
  readonly extensions?: (error: never) => Readonly<Record<string, unknown>>;
}

export interface ResolvedProblemMapping {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly extensions?: (error: unknown) => Readonly<Record<string, unknown>>;
}

/** Finds the mapping of the most specific class in an error's prototype chain. */
export class ProblemMapper {
  private readonly byClass = new Map<unknown, ResolvedProblemMapping>();

  constructor(mappings: readonly ProblemMapping[]) {
    this.add(mappings);
  }

  /** Adds mappings for error classes not mapped yet: a service's own mappings win over a library's. */
  add(mappings: readonly ProblemMapping[]): void {
    for (const mapping of mappings) {
      if (this.byClass.has(mapping.error)) continue;
      this.byClass.set(mapping.error, {
        status: mapping.status,
        title: mapping.title,
        type: mapping.type ?? problemType(slugOfErrorName(mapping.error.name)),
        extensions: mapping.extensions as ResolvedProblemMapping['extensions'],
      });
    }
  }

  /** Every mapping, for the API documentation. */
  all(): readonly ResolvedProblemMapping[] {
    return [...this.byClass.values()];
  }

  find(error: unknown): ResolvedProblemMapping | undefined {
    if (this.byClass.size === 0 || typeof error !== 'object' || error === null) return undefined;
    for (
      let proto: unknown = Object.getPrototypeOf(error);
      proto !== null && proto !== Object.prototype;
    ) {
      const found = this.byClass.get((proto as { constructor: unknown }).constructor);
      if (found !== undefined) return found;
      proto = Object.getPrototypeOf(proto);
    }
    return undefined;
  }
}

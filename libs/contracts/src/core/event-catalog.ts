import type { EventContract } from './event-contract';
import type { FieldProblem } from './field-problem';
import type { PersonalDataMarking } from './personal-data';
import { SchemaValidator } from './schema-validator';

/** Raised when stored data cannot be read under the contracts this build knows. */
export class UnknownEventVersionError extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    reason: string,
  ) {
    super(`cannot read ${eventType} v${schemaVersion}: ${reason}`);
    this.name = 'UnknownEventVersionError';
  }
}

/** Every event contract by type name, with the means to read old versions. */
export class EventCatalog {
  private readonly byType: ReadonlyMap<string, EventContract>;
  private validator: SchemaValidator | undefined;

  constructor(contracts: Iterable<EventContract>) {
    const byType = new Map<string, EventContract>();
    for (const contract of contracts) {
      if (byType.has(contract.type)) {
        throw new Error(`event type ${contract.type} is declared twice`);
      }
      byType.set(contract.type, contract);
    }
    this.byType = byType;
  }

  get contracts(): readonly EventContract[] {
    return [...this.byType.values()];
  }

  contractOf(eventType: string): EventContract | undefined {
    return this.byType.get(eventType);
  }

  /** The event types a service owns, that is, writes and publishes. */
  typesOwnedBy(service: string): string[] {
    return this.contracts.filter((c) => c.owner === service).map((c) => c.type);
  }

  /**
   * What is wrong with `data` as the current version of `eventType` under its
   * JSON schema (empty when valid): checked before an event is written, and on
   * data that comes from outside, such as Kafka. Text must be in its stored form.
   */
  schemaProblems(eventType: string, data: unknown): FieldProblem[] {
    const contract = this.byType.get(eventType);
    if (contract === undefined) {
      return [{ field: '(type)', rule: 'contract', message: `${eventType} has no contract` }];
    }
    this.validator ??= new SchemaValidator({ text: 'check' });
    return this.validator.problems(contract.schema, data);
  }

  /**
   * Where the personal data of `eventType` written under `schemaVersion` is, and
   * whose it is; undefined for a type without a contract or without personal
   * data. An older version's paths are those its upcaster declares
   * (`UnknownEventVersionError` when it declares none, or the version is unknown).
   */
  personalDataOf(eventType: string, schemaVersion: number): PersonalDataMarking | undefined {
    const contract = this.byType.get(eventType);
    if (contract === undefined) return undefined;
    if (schemaVersion === contract.schemaVersion) return contract.personalData;
    const step = contract.upcasters.find((u) => u.fromVersion === schemaVersion);
    if (step?.personalPaths === undefined) {
      throw new UnknownEventVersionError(
        eventType,
        schemaVersion,
        step === undefined
          ? `this build knows versions up to ${contract.schemaVersion}`
          : `its upcaster declares no personal paths`,
      );
    }
    if (step.personalPaths.length === 0) return undefined;
    const subject = contract.personalData?.subject;
    if (subject === undefined) {
      throw new UnknownEventVersionError(eventType, schemaVersion, 'no data subject is declared');
    }
    return { subject, paths: step.personalPaths };
  }

  /** Lifts data written under `schemaVersion` to the contract's current version. */
  upcast(
    eventType: string,
    schemaVersion: number,
    data: Readonly<Record<string, unknown>>,
  ): Readonly<Record<string, unknown>> {
    const contract = this.byType.get(eventType);
    if (contract === undefined) return data;
    if (schemaVersion > contract.schemaVersion) {
      throw new UnknownEventVersionError(
        eventType,
        schemaVersion,
        `this build knows versions up to ${contract.schemaVersion}`,
      );
    }
    let current = data;
    for (let version = schemaVersion; version < contract.schemaVersion; version += 1) {
      const step = contract.upcasters.find((u) => u.fromVersion === version);
      if (step === undefined) {
        throw new UnknownEventVersionError(
          eventType,
          schemaVersion,
          `no upcaster from v${version}`,
        );
      }
      current = step.upcast(current);
    }
    return current;
  }
}

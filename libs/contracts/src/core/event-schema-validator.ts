import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { EventCatalog } from './event-catalog';

/** Checks event data against its contract's JSON schema, compiling each schema once. */
export class EventSchemaValidator {
  private readonly ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly catalog: EventCatalog) {}

  /** What is wrong with `data` as the current version of `eventType` (empty when it is valid). */
  problems(eventType: string, data: unknown): string[] {
    const validate = this.validatorOf(eventType);
    if (validate === undefined) return [`${eventType} has no contract`];
    if (validate(data)) return [];
    return (validate.errors ?? []).map((error) => {
      const at =
        error.instancePath === '' ? 'data' : `data${error.instancePath.replaceAll('/', '.')}`;
      return `${at} ${error.message ?? 'is invalid'}`;
    });
  }

  private validatorOf(eventType: string): ValidateFunction | undefined {
    let validate = this.compiled.get(eventType);
    if (validate === undefined) {
      const contract = this.catalog.contractOf(eventType);
      if (contract === undefined) return undefined;
      validate = this.ajv.compile(contract.schema);
      this.compiled.set(eventType, validate);
    }
    return validate;
  }
}

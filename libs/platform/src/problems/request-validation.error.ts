import { BadRequestException, type ValidationError } from '@nestjs/common';
import type { FieldProblem } from './problem-details';

/** class-validator's name for "not declared on the DTO" reads badly in an API. */
const RULE_NAMES: Readonly<Record<string, string>> = { whitelistValidation: 'unknownField' };

export function fieldProblemsOf(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix + error.property;
    return [
      ...Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
        field,
        rule: RULE_NAMES[rule] ?? rule,
        message,
      })),
      ...fieldProblemsOf(error.children ?? [], `${field}.`),
    ];
  });
}

/** What the global validation pipe throws: every failing rule of every field, nested ones dotted. */
export class RequestValidationError extends BadRequestException {
  readonly errors: readonly FieldProblem[];

  constructor(validationErrors: readonly ValidationError[]) {
    const errors = fieldProblemsOf(validationErrors);
    super(`Invalid fields: ${[...new Set(errors.map((e) => e.field))].join(', ')}`);
    this.errors = errors;
  }
}

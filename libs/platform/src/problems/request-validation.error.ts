import type { FieldProblem } from '@hirestream/contracts';
import { BadRequestException } from '@nestjs/common';

/** A request that breaks its schema: every failing rule of every field, nested ones dotted. */
export class RequestValidationError extends BadRequestException {
  constructor(readonly errors: readonly FieldProblem[]) {
    super(`Invalid fields: ${[...new Set(errors.map((e) => e.field))].join(', ')}`);
  }
}

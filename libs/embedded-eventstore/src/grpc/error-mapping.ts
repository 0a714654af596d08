import type { ServerErrorResponse } from '@grpc/grpc-js';
import { invalidArgumentError, unavailableError } from './grpc-errors';
import { BadRequestError } from './request-values';

interface ConvertibleError {
  toServerError(): ServerErrorResponse;
}

function isConvertible(error: unknown): error is ConvertibleError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof Reflect.get(error, 'toServerError') === 'function'
  );
}

/** Bad requests become INVALID_ARGUMENT; anything else (a failed disk write) UNAVAILABLE. */
export function asServerError(error: unknown): ServerErrorResponse {
  if (isConvertible(error)) return error.toServerError();
  const message = error instanceof Error ? error.message : String(error);
  if (
    error instanceof BadRequestError ||
    error instanceof RangeError ||
    error instanceof SyntaxError
  ) {
    return invalidArgumentError(message);
  }
  return unavailableError(message);
}

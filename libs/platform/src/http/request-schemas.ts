import { SchemaValidator, type DataCheck, type FieldProblem } from '@hirestream/contracts';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { Static, TObject } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { RequestValidationError } from '../problems/request-validation.error';

/*
 * Requests are validated against the same field rules as the events they lead
 * to (`@hirestream/contracts`), with Ajv: text is normalized on the way in,
 * unknown fields are refused, and a refusal names every field and rule.
 */

const bodies = new SchemaValidator({ text: 'normalize' });
const strings = new SchemaValidator({ text: 'normalize', fromStrings: true });

/** A check beyond one field's rules (one field against another); returns what is wrong. */
export type Refinement<T> = (value: T) => FieldProblem[];

type RequestPart = 'body' | 'query' | 'params';

/** One part of the request, checked against a schema (and a refinement). */
class RequestPartCheck<S extends TObject> {
  private readonly check: DataCheck;

  constructor(
    private readonly part: RequestPart,
    schema: S,
    validator: SchemaValidator,
    private readonly refine?: Refinement<Static<S>>,
  ) {
    this.check = validator.checkOf(schema);
  }

  of(request: FastifyRequest): Static<S> {
    // No body at all is an empty object (a body whose every field is optional may be left out);
    // a JSON `null` is a body, and not an object.
    const input = request[this.part] === undefined ? {} : request[this.part];
    const problems = this.check(input);
    if (problems.length > 0) throw new RequestValidationError(problems);
    const refused = this.refine?.(input as Static<S>) ?? [];
    if (refused.length > 0) throw new RequestValidationError(refused);
    return input as Static<S>;
  }
}

/**
 * A custom parameter rather than `@Body(pipe)`: Nest resolves a parameter with
 * a pipe through several promises per request, and a check that is
 * synchronous needs none (a refusal still reaches the exception filter). The
 * request is the first argument of an HTTP context (`switchToHttp()` allocates).
 */
const CheckedRequestPart = createParamDecorator(
  (check: { of(request: FastifyRequest): unknown }, context: ExecutionContext) =>
    check.of(context.getArgByIndex<FastifyRequest>(0)),
);

/** Whether a client must send the property: required by the schema and without a default. */
function isRequired(schema: TObject, name: string): boolean {
  return (schema.required?.includes(name) ?? false) && !('default' in schema.properties[name]!);
}

function documentOn(
  target: object,
  key: string | symbol | undefined,
  decorator: MethodDecorator,
): void {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor !== undefined) decorator(target, key, descriptor);
}

/**
 * The request body, checked against `schema` (documented as the operation's
 * body, required unless every field is optional).
 */
export function ValidBody<S extends TObject>(
  schema: S,
  refine?: Refinement<Static<S>>,
): ParameterDecorator {
  return (target, key, index) => {
    CheckedRequestPart(new RequestPartCheck('body', schema, bodies, refine))(target, key, index);
    const required = Object.keys(schema.properties).some((name) => isRequired(schema, name));
    documentOn(target, key, ApiBody({ schema, required }));
  };
}

/** The query string as an object, checked against `schema` (each property documented as a parameter). */
export function ValidQuery<S extends TObject>(
  schema: S,
  refine?: Refinement<Static<S>>,
): ParameterDecorator {
  return (target, key, index) => {
    CheckedRequestPart(new RequestPartCheck('query', schema, strings, refine))(target, key, index);
    for (const [name, property] of Object.entries(schema.properties)) {
      documentOn(
        target,
        key,
        ApiQuery({ name, required: isRequired(schema, name), schema: property }),
      );
    }
  };
}

/** The path parameters as an object, checked against `schema`. */
export function ValidParams<S extends TObject>(schema: S): ParameterDecorator {
  return (target, key, index) => {
    CheckedRequestPart(new RequestPartCheck('params', schema, strings))(target, key, index);
    for (const [name, property] of Object.entries(schema.properties)) {
      documentOn(target, key, ApiParam({ name, required: true, schema: property }));
    }
  };
}

import { SchemaValidator, type DataCheck, type FieldProblem } from '@hirestream/contracts';
import { Body, Param, Query, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { Static, TObject } from '@sinclair/typebox';
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

class SchemaPipe<S extends TObject> implements PipeTransform<unknown, Static<S>> {
  private readonly check: DataCheck;

  constructor(
    schema: S,
    validator: SchemaValidator,
    private readonly refine?: Refinement<Static<S>>,
  ) {
    this.check = validator.checkOf(schema);
  }

  transform(value: unknown): Static<S> {
    const input = value ?? {};
    const problems = this.check(input);
    if (problems.length > 0) throw new RequestValidationError(problems);
    const refused = this.refine?.(input as Static<S>) ?? [];
    if (refused.length > 0) throw new RequestValidationError(refused);
    return input as Static<S>;
  }
}

/**
 * The parameter's design type is whatever its TypeScript type compiled to (for
 * a type named as its schema, the schema object itself), which the OpenAPI
 * scanner would take for a class: the schema documents it instead.
 */
function untyped(target: object, key: string | symbol | undefined, index: number): void {
  if (key === undefined) return;
  const types = Reflect.getMetadata('design:paramtypes', target, key) as unknown[] | undefined;
  if (types === undefined) return;
  const replaced = [...types];
  replaced[index] = Object;
  Reflect.defineMetadata('design:paramtypes', replaced, target, key);
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

/** The request body, checked against `schema` (documented as the operation's body). */
export function ValidBody<S extends TObject>(
  schema: S,
  refine?: Refinement<Static<S>>,
): ParameterDecorator {
  return (target, key, index) => {
    untyped(target, key, index);
    Body(new SchemaPipe(schema, bodies, refine))(target, key, index);
    documentOn(target, key, ApiBody({ schema, required: true }));
  };
}

/** The query string as an object, checked against `schema` (each property documented as a parameter). */
export function ValidQuery<S extends TObject>(
  schema: S,
  refine?: Refinement<Static<S>>,
): ParameterDecorator {
  return (target, key, index) => {
    untyped(target, key, index);
    Query(new SchemaPipe(schema, strings, refine))(target, key, index);
    for (const [name, property] of Object.entries(schema.properties)) {
      documentOn(
        target,
        key,
        ApiQuery({ name, required: schema.required?.includes(name) ?? false, schema: property }),
      );
    }
  };
}

/** The path parameters as an object, checked against `schema`. */
export function ValidParams<S extends TObject>(schema: S): ParameterDecorator {
  return (target, key, index) => {
    untyped(target, key, index);
    Param(new SchemaPipe(schema, strings))(target, key, index);
    for (const [name, property] of Object.entries(schema.properties)) {
      documentOn(target, key, ApiParam({ name, required: true, schema: property }));
    }
  };
}

import type { TSchema } from '@sinclair/typebox';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FieldProblem } from './field-problem';
import { RULE_KEYWORD, RULE_MESSAGES } from './field-schemas';
import { isKnownTimeZone } from './time-zone-names';
import { isNormalizedText, normalizeText, TEXT_KEYWORD } from './text-rules';

/**
 * What a validator does with text fields: `normalize` rewrites each to its
 * stored form before checking it (requests from clients); `check` refuses one
 * not already in it (events about to be written).
 */
export type TextHandling = 'normalize' | 'check';

/** Checks data against a schema; returns every problem (empty when valid). May normalize text in place. */
export type DataCheck = (data: unknown) => FieldProblem[];

type TextFieldContext = { parentData?: unknown; parentDataProperty?: string | number };

export type SchemaValidatorOptions = Readonly<{
  text: TextHandling;
  /**
   * Reads numbers and booleans written as strings (query strings and path
   * parameters are all text) and fills in schema defaults.
   */
  fromStrings?: boolean;
}>;

/**
 * Validates data against the field rules' JSON schemas with Ajv, compiling each
 * schema once. The same validator class serves requests (text normalized) and
 * events (text must already be normalized), so both apply the same rules.
 */
export class SchemaValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new WeakMap<object, DataCheck>();

  constructor(options: SchemaValidatorOptions) {
    const fromStrings = options.fromStrings === true;
    this.ajv = new Ajv2020({
      allErrors: true,
      strict: false,
      verbose: true,
      coerceTypes: fromStrings,
      useDefaults: fromStrings,
    });
    addFormats(this.ajv);
    this.ajv.addFormat('time-zone', { type: 'string', validate: isKnownTimeZone });
    this.ajv.addKeyword({
      keyword: RULE_KEYWORD,
      schemaType: 'string',
    });
    this.ajv.addKeyword(
      options.text === 'normalize'
        ? {
            keyword: TEXT_KEYWORD,
            type: 'string',
            modifying: true,
            // Before the length and pattern checks, so they judge the stored form.
            before: 'maxLength',
            errors: false,
            validate: (_schema: unknown, data: string, _parent: unknown, at?: TextFieldContext) => {
              const parent = at?.parentData as Record<string | number, unknown> | undefined;
              if (parent !== undefined && at?.parentDataProperty !== undefined) {
                parent[at.parentDataProperty] = normalizeText(data);
              }
              return true;
            },
          }
        : {
            keyword: TEXT_KEYWORD,
            type: 'string',
            errors: false,
            validate: (_schema: unknown, data: string) => isNormalizedText(data),
          },
    );
  }

  /** The check for `schema`, compiled on first use. */
  checkOf(schema: TSchema): DataCheck {
    let check = this.compiled.get(schema);
    if (check === undefined) {
      const validate = this.ajv.compile(schema);
      check = (data) => (validate(data) ? [] : problemsOf(validate));
      this.compiled.set(schema, check);
    }
    return check;
  }

  problems(schema: TSchema, data: unknown): FieldProblem[] {
    return this.checkOf(schema)(data);
  }
}

function fieldOf(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  return path.length === 0 ? '(body)' : path.join('.');
}

function problemOf(error: ErrorObject): FieldProblem {
  const field = fieldOf(error);
  if (error.keyword === TEXT_KEYWORD) {
    return { field, rule: 'text', message: `${field} must be trimmed and NFC-normalized text` };
  }
  const namedRule = (error.parentSchema as Record<string, unknown> | undefined)?.[RULE_KEYWORD];
  if (
    typeof namedRule === 'string' &&
    (error.keyword === 'pattern' || error.keyword === 'format')
  ) {
    return {
      field,
      rule: namedRule,
      message: `${field} ${RULE_MESSAGES[namedRule] ?? 'is invalid'}`,
    };
  }
  switch (error.keyword) {
    case 'additionalProperties':
      return { field, rule: 'unknownField', message: `${field} is not a known field` };
    case 'required':
      return { field, rule: 'required', message: `${field} is required` };
    case 'enum':
      return {
        field,
        rule: 'enum',
        message: `${field} must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`,
      };
    default:
      return { field, rule: error.keyword, message: `${field} ${error.message ?? 'is invalid'}` };
  }
}

function problemsOf(validate: ValidateFunction): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = problemOf(error);
    const key = `${problem.field}\n${problem.rule}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

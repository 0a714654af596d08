/** The subset of JSON Schema (draft 2020-12) the event contracts are written in. */
export type JsonSchema = Readonly<{
  $id?: string;
  $schema?: string;
  title?: string;
  description?: string;
  type?:
    | 'object'
    | 'string'
    | 'number'
    | 'integer'
    | 'boolean'
    | 'array'
    | 'null'
    | ReadonlyArray<string>;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  minItems?: number;
  enum?: ReadonlyArray<string | number | boolean | null>;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  pattern?: string;
}>;

/** A JSON schema (2020-12) as the OpenAPI documents write them, references resolved. */
export type JsonSchema = Readonly<{
  type?: string | readonly string[];
  title?: string;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  enum?: readonly unknown[];
  const?: unknown;
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  'x-hirestream-text'?: string;
  'x-hirestream-rule'?: string;
}>;

export type OpenApiParameter = Readonly<{
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}>;

/** One operation of a service's OpenAPI document, with every schema resolved. */
export type OpenApiOperation = Readonly<{
  service: string;
  operationId: string;
  method: string;
  /** The path template, e.g. `/candidates/{id}/stage`. */
  path: string;
  parameters: readonly OpenApiParameter[];
  /** The JSON body's schema, when the operation takes one. */
  body: JsonSchema | undefined;
  /** Whether a request must send the body (else leaving it out means `{}`). */
  bodyRequired: boolean;
  /** Needs no bearer token (health). */
  isPublic: boolean;
  /** `METHOD /path (operationId)`, for messages. */
  name: string;
}>;

type Content = Record<string, { schema?: unknown }>;
type RawOperation = {
  operationId: string;
  security?: unknown[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Content };
  responses?: Record<string, { content?: Content }>;
};
export type OpenApiDocument = Readonly<{
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, unknown> };
}>;

/** The schema with every `#/components/schemas/X` reference replaced by the component itself. */
export function resolved(schema: unknown, components: Record<string, unknown>): unknown {
  if (Array.isArray(schema)) return schema.map((item) => resolved(item, components));
  if (typeof schema !== 'object' || schema === null) return schema;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    return resolved(components[ref.slice('#/components/schemas/'.length)], components);
  }
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, resolved(value, components)]),
  );
}

/** Every operation the document describes, in document order. */
export function operationsOf(service: string, document: OpenApiDocument): OpenApiOperation[] {
  const components = document.components?.schemas ?? {};
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const body = operation.requestBody?.content?.['application/json']?.schema;
      return {
        service,
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters ?? []).map(
          (parameter) => resolved(parameter, components) as OpenApiParameter,
        ),
        body: body === undefined ? undefined : (resolved(body, components) as JsonSchema),
        bodyRequired: operation.requestBody?.required === true,
        isPublic: operation.security === undefined,
        name: `${method.toUpperCase()} ${path} (${operation.operationId})`,
      };
    }),
  );
}

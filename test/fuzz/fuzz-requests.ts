import { SchemaValidator, type DataCheck } from '@hirestream/contracts';
import { MAX_BODY_BYTES, MAX_BODY_DEPTH, nestsDeeperThan } from '@hirestream/platform';
import type { TSchema } from '@sinclair/typebox';
import fc from 'fast-check';
import type { JsonSchema, OpenApiOperation, OpenApiParameter } from '../support/openapi-operations';
import type { FuzzCaller } from './fuzz-callers';
import {
  CONTENT_TYPES,
  HOSTILE_HEADER_VALUES,
  HOSTILE_QUERY_TAILS,
  hostileString,
  hostileValue,
} from './hostile-values';
import { jsonMutation, mutated } from './json-mutations';
import { arbitraryOf, type SchemaArbitraryContext } from './schema-arbitraries';

/** What requests are made of: callers, and the ids of resources that exist. */
export type FuzzPools = Readonly<{
  admin: FuzzCaller;
  others: readonly FuzzCaller[];
  refused: readonly FuzzCaller[];
  /** Ids of existing resources by the path segment naming their collection (`candidates`, `interviews`...). */
  ids: ReadonlyMap<string, readonly string[]>;
  /** The candidate each known resource of a candidacy belongs to (an offer id → its candidate id). */
  owners?: ReadonlyMap<string, string>;
  /**
   * The operations only a candidate may call, on their own candidacy (the access table's
   * decision): their well-formed requests go as `caller`, naming `candidacy`, so that they run.
   */
  candidateOnly?: Readonly<{
    caller: FuzzCaller;
    candidacy: string;
    operations: ReadonlySet<string>;
  }>;
}>;

/** A request and what the OpenAPI document says of it. */
export type FuzzRequest = Readonly<{
  caller: string;
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  payload: string | undefined;
  /** Why the document says the request is invalid; empty when it does not. */
  invalid: readonly string[];
}>;

/** As the service reads requests: bodies with text normalized, parameters from strings. */
const bodies = new SchemaValidator({ text: 'normalize' });
const strings = new SchemaValidator({ text: 'normalize', fromStrings: true });
const headerValues = new SchemaValidator({ text: 'check' });

const checkOf = (validator: SchemaValidator, schema: JsonSchema): DataCheck =>
  validator.checkOf(schema as unknown as TSchema);

const objectOf = (parameters: readonly OpenApiParameter[]): JsonSchema => ({
  type: 'object',
  properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema])),
  required: parameters.filter((p) => p.required === true).map((p) => p.name),
});

/** Percent-encodes the UTF-8 of `value` (lone surrogates become U+FFFD, as on the wire). */
function percentEncoded(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** The string the service decodes from `percentEncoded(value)`. */
const asReceived = (value: string): string => Buffer.from(value, 'utf8').toString('utf8');

const problemsIn = (where: string, problems: readonly { message: string }[]): string[] =>
  problems.map((problem) => `${where}: ${problem.message}`);

/** Path segments already percent-encoded, some not validly: the router and the decoder meet them. */
const RAW_PATH_SEGMENTS = [
  '%',
  'abc%',
  '%E0%A4%A',
  '%FF%FE',
  '%C0%AE%C0%AE',
  '%00',
  '%2F',
  '..%2F..%2F',
];

type PathValue = Readonly<{ value: string; encoded: boolean }>;

/** The path's candidate id replaced by the owner of a known resource the path names after it. */
function ownedPath(
  operation: OpenApiOperation,
  parameters: readonly OpenApiParameter[],
  values: readonly PathValue[],
  pools: FuzzPools,
): readonly PathValue[] {
  const segments = operation.path.split('/');
  const candidate = parameters.findIndex(
    (p) => segments[segments.indexOf(`{${p.name}}`) - 1] === 'candidates',
  );
  if (candidate < 0) return values;
  const owner = values
    .map(({ value }, i) => (i === candidate ? undefined : pools.owners?.get(value)))
    .find((id) => id !== undefined);
  return owner === undefined
    ? values
    : values.map((value, i) => (i === candidate ? { value: owner, encoded: false } : value));
}

function pathValueOf(
  operation: OpenApiOperation,
  parameter: OpenApiParameter,
  pools: FuzzPools,
  context: SchemaArbitraryContext,
  hostile: boolean,
): fc.Arbitrary<PathValue> {
  const segments = operation.path.split('/');
  const collection = segments[segments.indexOf(`{${parameter.name}}`) - 1];
  const known = pools.ids.get(collection) ?? [];
  const plain = (arbitrary: fc.Arbitrary<string>) =>
    arbitrary.map((value): PathValue => ({ value, encoded: false }));
  const generated = plain(arbitraryOf(parameter.schema, context).map(String));
  if (!hostile) return known.length === 0 ? generated : plain(fc.constantFrom(...known));
  return fc.oneof(
    ...(known.length === 0
      ? []
      : [
          { arbitrary: plain(fc.constantFrom(...known)), weight: 6 },
          { arbitrary: plain(fc.constantFrom(...known).map((id) => id.toUpperCase())), weight: 1 },
        ]),
    { arbitrary: generated, weight: 1 },
    {
      arbitrary: plain(hostileString.filter((s) => s !== '' && s !== '.' && s !== '..')),
      weight: 2,
    },
    {
      arbitrary: fc.constantFrom(...RAW_PATH_SEGMENTS).map((value) => ({ value, encoded: true })),
      weight: 1,
    },
  );
}

type Query = Readonly<{ text: string; invalid: string[] }>;

function queryOf(
  operation: OpenApiOperation,
  context: SchemaArbitraryContext,
  hostile: boolean,
): fc.Arbitrary<Query> {
  const parameters = operation.parameters.filter((p) => p.in === 'query');
  const tail = hostile
    ? fc.option(fc.constantFrom(...HOSTILE_QUERY_TAILS), { freq: 5 })
    : fc.constant(null);
  if (parameters.length === 0) {
    return tail.map((junk) => ({ text: junk ?? '', invalid: [] }));
  }
  const schema = objectOf(parameters);
  const check = checkOf(strings, schema);
  const values = arbitraryOf(schema, context).map((value) =>
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)] as const),
  );
  const change = hostile
    ? fc.option(
        fc.record({
          kind: fc.constantFrom('replace', 'remove', 'add'),
          at: fc.nat(),
          value: hostileString,
        }),
        { freq: 2 },
      )
    : fc.constant(null);
  return fc.tuple(values, change, tail).map(([entries, edit, junk]) => {
    let pairs = [...entries];
    if (edit !== null && (edit.kind === 'add' || pairs.length === 0)) {
      const name = parameters[edit.at % parameters.length].name;
      pairs = [...pairs.filter(([k]) => k !== name), [name, edit.value]];
    } else if (edit !== null) {
      const at = edit.at % pairs.length;
      pairs =
        edit.kind === 'remove'
          ? pairs.filter((_pair, i) => i !== at)
          : pairs.map((pair, i) => (i === at ? [pair[0], edit.value] : pair));
    }
    const text = [
      ...pairs.map(([k, v]) => `${percentEncoded(k)}=${percentEncoded(v)}`),
      ...(junk === null ? [] : [junk]),
    ].join('&');
    // With a hostile tail the parsed query is the parser's business: nothing is claimed of it.
    const received = Object.fromEntries(pairs.map(([k, v]) => [k, asReceived(v)]));
    return { text, invalid: junk === null ? problemsIn('query', check(received)) : [] };
  });
}

type Body = Readonly<{ payload: string | undefined; contentType: string | undefined }>;

const RAW_BODIES = [
  'truncated',
  'byte-order-mark',
  'trailing-text',
  'duplicate-key',
  'huge-number',
  'empty',
  'nul',
  'single-quotes',
] as const;

function rawBody(json: string, kind: (typeof RAW_BODIES)[number], value: unknown): string {
  switch (kind) {
    case 'truncated':
      return json.slice(0, Math.floor(json.length / 2));
    case 'byte-order-mark':
      return `\ufeff${json}`;
    case 'trailing-text':
      return `${json} x`;
    case 'duplicate-key': {
      const first = Object.keys(json.startsWith('{') ? JSON.parse(json) : {})[0];
      return first === undefined
        ? json
        : `{${JSON.stringify(first)}:${JSON.stringify(value)},${json.slice(1)}`;
    }
    case 'huge-number':
      return json.replace(/:(-?\d+)/, ':1e999');
    case 'empty':
      return '';
    case 'nul':
      return `${json}\u0000`;
    default:
      return json.replaceAll('"', "'");
  }
}

function bodyOf(
  operation: OpenApiOperation,
  context: SchemaArbitraryContext,
  hostile: boolean,
): fc.Arbitrary<Body> {
  const contentType = fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 8 },
    { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 },
  );
  const sent = (payload: fc.Arbitrary<string>) =>
    fc
      .tuple(payload, contentType)
      .map(([text, type]): Body => ({ payload: text, contentType: type }));
  const none = fc.constant<Body>({ payload: undefined, contentType: undefined });
  const valid = operation.body === undefined ? undefined : arbitraryOf(operation.body, context);
  if (!hostile) {
    return valid === undefined
      ? none
      : valid.map((value) => ({ payload: JSON.stringify(value), contentType: 'application/json' }));
  }
  if (valid === undefined) {
    return fc.oneof(
      { arbitrary: none, weight: operation.method === 'GET' ? 12 : 4 },
      { arbitrary: sent(hostileValue.map((value) => JSON.stringify(value) ?? 'null')), weight: 1 },
      { arbitrary: sent(fc.constant('{}')), weight: 1 },
    );
  }
  const changed = fc
    .tuple(valid, fc.array(jsonMutation, { minLength: 1, maxLength: 3 }))
    .map(([value, mutations]) => mutations.reduce(mutated, value));
  const raw = fc
    .tuple(valid, fc.constantFrom(...RAW_BODIES), hostileValue)
    .map(([value, kind, extra]) => rawBody(JSON.stringify(value), kind, extra));
  return fc.oneof(
    { arbitrary: sent(valid.map((value) => JSON.stringify(value))), weight: 3 },
    { arbitrary: sent(changed.map((value) => JSON.stringify(value) ?? 'null')), weight: 6 },
    { arbitrary: sent(raw), weight: 1 },
    { arbitrary: none, weight: 1 },
  );
}

/** Why a request for an operation that takes a body is invalid, when it sends none. */
export const NO_BODY = 'no body, though the document requires one';
/** Why a request whose body is the JSON `null` is invalid (the document asks for an object). */
export const NULL_BODY = 'the body is JSON null, not an object';

/** What is wrong with the body by the document, or undefined when nothing can be said. */
function bodyProblems(
  operation: OpenApiOperation,
  body: Body,
  check: DataCheck,
): string[] | undefined {
  if (operation.body === undefined) return [];
  if (body.payload === undefined) return operation.bodyRequired ? [NO_BODY] : [];
  const [essence, ...parameters] = (body.contentType ?? '').split(';').map((part) => part.trim());
  if (essence.toLowerCase() !== 'application/json') {
    return [`the body is sent as ${body.contentType ?? 'nothing named'}, not application/json`];
  }
  // Other parameters (charsets, empty ones) are the parser's business.
  if (parameters.some((parameter) => parameter.toLowerCase() !== 'charset=utf-8')) return undefined;
  // The platform refuses these unread: the schema check would overflow the stack on some of them.
  if (Buffer.byteLength(body.payload) > MAX_BODY_BYTES) {
    return [`the body is larger than ${MAX_BODY_BYTES} bytes`];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.payload.replace(/^\ufeff/, ''));
  } catch {
    return ['the body is not JSON'];
  }
  if (parsed === null) return [NULL_BODY];
  if (nestsDeeperThan(parsed, MAX_BODY_DEPTH))
    return [`the body nests deeper than ${MAX_BODY_DEPTH}`];
  return problemsIn('body', check(parsed));
}

const headerValue = (schema: JsonSchema, context: SchemaArbitraryContext) =>
  fc.option(
    fc.oneof(
      { arbitrary: arbitraryOf(schema, context).map(String), weight: 2 },
      { arbitrary: fc.constantFrom('"0"', '"1"', '"2"', 'fuzz-key-1', 'fuzz-key-2'), weight: 2 },
      { arbitrary: fc.constantFrom(...HOSTILE_HEADER_VALUES), weight: 1 },
    ),
    { freq: 2 },
  );

/**
 * Requests for `operation`: its path parameters naming existing resources or
 * junk, its query, headers and body generated from the document, then (two
 * times in three) damaged and sent by every kind of caller; each says why the
 * document calls it invalid, if it does.
 */
export function fuzzRequests(
  operation: OpenApiOperation,
  pools: FuzzPools,
  context: SchemaArbitraryContext,
): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const pathChecks = new Map(
    pathParameters.map((p) => [p.name, checkOf(strings, objectOf([p]))] as const),
  );
  const documentedHeaders = operation.parameters.filter((p) => p.in === 'header');
  const headerChecks = new Map(
    documentedHeaders.map((p) => [p.name, checkOf(headerValues, p.schema)] as const),
  );
  const bodyCheck = operation.body === undefined ? () => [] : checkOf(bodies, operation.body);
  const candidate = pools.candidateOnly?.operations.has(operation.operationId)
    ? pools.candidateOnly
    : undefined;
  const wellFormed: FuzzPools =
    candidate === undefined
      ? pools
      : { ...pools, ids: new Map(pools.ids).set('candidates', [candidate.candidacy]) };
  const parts = (hostile: boolean) =>
    fc.record({
      caller: hostile
        ? fc.oneof(
            { arbitrary: fc.constant(pools.admin), weight: 6 },
            { arbitrary: fc.constantFrom(...pools.others), weight: 3 },
            { arbitrary: fc.constantFrom(...pools.refused), weight: 2 },
          )
        : fc.constant(candidate?.caller ?? pools.admin),
      path: fc.tuple(
        ...pathParameters.map((p) =>
          pathValueOf(operation, p, hostile ? pools : wellFormed, context, hostile),
        ),
      ),
      query: queryOf(operation, context, hostile),
      body: bodyOf(operation, context, hostile),
      documented: fc.tuple(
        ...documentedHeaders.map((p) =>
          hostile ? headerValue(p.schema, context) : fc.constant(null),
        ),
      ),
      // Half the time a known resource is asked for under the candidacy it belongs to.
      coherent: fc.boolean(),
      correlationId: hostile
        ? fc.option(fc.oneof(fc.uuid(), fc.constantFrom(...HOSTILE_HEADER_VALUES)), { freq: 4 })
        : fc.constant(null),
      accept: hostile
        ? fc.option(
            fc.constantFrom('text/html', 'application/xml', '*/*', 'application/problem+json'),
            { freq: 5 },
          )
        : fc.constant(null),
    });
  // A third of the requests are well-formed, so that commands get past validation to the deciders.
  return fc
    .oneof({ arbitrary: parts(false), weight: 1 }, { arbitrary: parts(true), weight: 2 })
    .map(({ caller: who, path, query, body, documented, coherent, correlationId, accept }) => {
      const invalid: string[] = [];
      if (who.refused && !operation.isPublic) invalid.push(`the caller is refused (${who.name})`);
      const values = coherent ? ownedPath(operation, pathParameters, path, pools) : path;
      let url = operation.path;
      pathParameters.forEach((parameter, i) => {
        const { value, encoded } = values[i];
        url = url.replace(`{${parameter.name}}`, encoded ? value : percentEncoded(value));
        if (!encoded) {
          const received = { [parameter.name]: asReceived(value) };
          invalid.push(...problemsIn('path', pathChecks.get(parameter.name)!(received)));
        }
      });
      if (query.text !== '') url = `${url}?${query.text}`;
      invalid.push(...query.invalid);
      const headers: Record<string, string> = {};
      if (who.authorization !== undefined) headers.authorization = who.authorization;
      documentedHeaders.forEach((parameter, i) => {
        const value = documented[i];
        if (value === null) return;
        headers[parameter.name.toLowerCase()] = value;
        // On the wire a field value has no surrounding white space (RFC 9110, 5.5).
        const received = value.replace(/^[ \t]+|[ \t]+$/g, '');
        invalid.push(...problemsIn(parameter.name, headerChecks.get(parameter.name)!(received)));
      });
      if (correlationId !== null) headers['x-correlation-id'] = correlationId;
      if (accept !== null) headers.accept = accept;
      if (body.contentType !== undefined) headers['content-type'] = body.contentType;
      const bodyInvalid = bodyProblems(operation, body, bodyCheck);
      invalid.push(...(bodyInvalid ?? []));
      return {
        caller: who.name,
        method: operation.method,
        url,
        headers,
        payload: body.payload,
        invalid,
      };
    });
}

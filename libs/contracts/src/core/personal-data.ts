import type { TSchema } from '@sinclair/typebox';
import { RULE_KEYWORD } from './field-schemas';

/*
 * Personal data in events: each string field of an event schema that holds a
 * person's data is marked `personal()`, and is stored encrypted with the data
 * key of the event's data subject (see @hirestream/personal-data). A field whose
 * name looks personal but is not (a rubric's name, a provider's reference) is
 * marked `notPersonal()`, so every such field was decided by someone.
 */

/** The schema keyword marking a field personal (`true`) or decided not personal (`false`). */
export const PERSONAL_KEYWORD = 'x-hirestream-personal';

/** Marks a string field (or a nullable one) as a person's data: stored encrypted, erasable. */
export function personal<T extends TSchema>(schema: T): T {
  return { ...schema, [PERSONAL_KEYWORD]: true };
}

/** Declares a field that looks personal by its name not to be (the organization's own content, ids). */
export function notPersonal<T extends TSchema>(schema: T): T {
  return { ...schema, [PERSONAL_KEYWORD]: false };
}

/**
 * Whose data an event's personal fields are, named by one of its fields: its
 * value picks the data key (`candidate:<candidateId>`). `personField`, where an
 * event has one, links that key to the person (every candidacy of one person),
 * so erasing the person erases every candidacy's key.
 */
export type DataSubject = Readonly<{
  kind: DataSubjectKind;
  field: string;
  personField?: string;
}>;

/**
 * `candidate`: a candidacy (the candidate's stream, one key per candidacy).
 * `interviewer`: an interviewer's own calendar, for free text with no candidacy named.
 */
export type DataSubjectKind = 'candidate' | 'interviewer';

/** The subject of every event in a candidate's stream: the candidacy its `candidateId` names. */
export const CANDIDATE_SUBJECT: DataSubject = { kind: 'candidate', field: 'candidateId' };

/**
 * Where an event's personal data is, and whose it is: JSON Pointers (RFC 6901)
 * into its data, with a `*` segment standing for every item of an array.
 */
export type PersonalDataMarking = Readonly<{
  subject: DataSubject;
  paths: readonly string[];
}>;

/**
 * Field names that suggest a person's data. A string field so named must be
 * marked `personal()` or `notPersonal()` (the contracts' specs check it).
 */
export const PERSONAL_LOOKING_NAME =
  /name|mail|phone|note|reason|text|comment|address|summary|message|answer|feedback|strength|concern|rationale|proposal|reference|ref$|subject|relationship|description|title|location|place|instruction|guidance|question|dispute/i;

/** Rules of strings that are never a person's words: ids, digests, instants, names of zones. */
const NON_PERSONAL_RULES = new Set([
  'uuid',
  'identifier',
  'actorId',
  'sha256',
  'instant',
  'date',
  'timeZone',
  'wallClock',
  'currency',
]);

type SchemaNode = Readonly<Record<string, unknown>>;

/** A JSON Pointer reference token: `~` and `/` escaped. */
function pointerToken(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1');
}

function typesOf(schema: SchemaNode): readonly unknown[] {
  const type = schema.type;
  return Array.isArray(type) ? type : [type];
}

/** Every field of a schema (at any depth) with its pointer and the name it goes by. */
function* fieldsOf(
  schema: SchemaNode,
  path = '',
  name = '',
): Generator<{ path: string; name: string; schema: SchemaNode }> {
  if (path !== '') yield { path, name, schema };
  const properties = schema.properties as Readonly<Record<string, SchemaNode>> | undefined;
  for (const [property, inner] of Object.entries(properties ?? {})) {
    yield* fieldsOf(inner, `${path}/${pointerToken(property)}`, property);
  }
  const items = schema.items as SchemaNode | undefined;
  if (items !== undefined && typeof items === 'object' && !Array.isArray(items)) {
    yield* fieldsOf(items, `${path}/*`, name);
  }
}

/**
 * The pointers of the fields `schema` marks personal. Throws for a mark on
 * something other than a string (or nullable string): an erased value reads as
 * a string, so only strings can be marked.
 */
export function personalPathsOf(schema: TSchema): string[] {
  const paths: string[] = [];
  for (const field of fieldsOf(schema)) {
    if (field.schema[PERSONAL_KEYWORD] !== true) continue;
    if (!typesOf(field.schema).includes('string')) {
      throw new Error(`${field.path} is marked personal but is not a string`);
    }
    paths.push(field.path);
  }
  return paths;
}

/**
 * The pointers of string fields whose name looks personal (`PERSONAL_LOOKING_NAME`)
 * and that are neither marked `personal()` nor `notPersonal()`; fixed vocabularies
 * and ids, digests, instants are left out.
 */
export function undecidedPersonalFields(schema: TSchema): string[] {
  const undecided: string[] = [];
  for (const field of fieldsOf(schema)) {
    const { schema: node } = field;
    if (node[PERSONAL_KEYWORD] !== undefined) continue;
    if (!typesOf(node).includes('string') || node.enum !== undefined) continue;
    if (NON_PERSONAL_RULES.has(node[RULE_KEYWORD] as string)) continue;
    if (PERSONAL_LOOKING_NAME.test(field.name)) undecided.push(field.path);
  }
  return undecided;
}

/**
 * The marking of a contract's data: its personal paths and subject; undefined
 * when it has no personal field. The subject is `subject` when given, else the candidacy
 * when the data has a `candidateId`; a personal field without either throws.
 */
export function personalDataMarking(
  type: string,
  schema: TSchema,
  subject: DataSubject | undefined,
): PersonalDataMarking | undefined {
  const paths = personalPathsOf(schema);
  if (paths.length === 0) return undefined;
  const properties = (schema.properties ?? {}) as Readonly<Record<string, SchemaNode>>;
  const chosen = subject ?? ('candidateId' in properties ? CANDIDATE_SUBJECT : undefined);
  if (chosen === undefined) {
    throw new Error(`${type} has personal fields but names no data subject`);
  }
  for (const field of [chosen.field, chosen.personField]) {
    if (field === undefined) continue;
    const node = properties[field];
    if (node === undefined || node.type !== 'string' || node[PERSONAL_KEYWORD] === true) {
      throw new Error(`${type}'s data subject field ${field} must be a required, plain string`);
    }
  }
  return { subject: chosen, paths };
}

/** What a service's contracts decide: each type's personal paths and subject, and the fields left undecided. */
export function personalDataDecisions(
  contracts: readonly Readonly<{
    type: string;
    schema: TSchema;
    personalData?: PersonalDataMarking;
  }>[],
): Readonly<{
  personal: Readonly<Record<string, Readonly<{ subject: string; paths: readonly string[] }>>>;
  undecided: readonly string[];
}> {
  const personal: Record<string, { subject: string; paths: readonly string[] }> = {};
  const undecided: string[] = [];
  for (const { type, schema, personalData } of contracts) {
    if (personalData !== undefined) {
      const { kind, field, personField } = personalData.subject;
      const person = personField === undefined ? '' : `, person ${personField}`;
      personal[type] = { subject: `${kind} ${field}${person}`, paths: personalData.paths };
    }
    undecided.push(...undecidedPersonalFields(schema).map((path) => `${type}${path}`));
  }
  return { personal, undecided };
}

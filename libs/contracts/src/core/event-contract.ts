import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import type { Event } from './event';
import { personalDataMarking, type DataSubject, type PersonalDataMarking } from './personal-data';

/** Turns data written under `fromVersion` into the shape of `fromVersion + 1`. */
export type Upcaster = Readonly<{
  fromVersion: number;
  upcast: (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  /** The personal fields of data at `fromVersion` (pointers, as `PersonalDataMarking.paths`). */
  personalPaths?: readonly string[];
}>;

/**
 * The published contract of one event type. The type name is stable across
 * versions; `schemaVersion` is the version written today and `upcasters` lift
 * every older version to it, one step at a time. `schema` is the JSON schema of
 * the current version's data: every event is checked against it before it is
 * written, and consumers check what they receive against it.
 */
export type EventContract<T extends string = string, S extends TSchema = TSchema> = Readonly<{
  type: T;
  /** The service that owns (alone writes) this event type. */
  owner: string;
  description: string;
  schemaVersion: number;
  schema: S;
  upcasters: readonly Upcaster[];
  /** Where the current version's personal data is and whose it is; absent when it has none. */
  personalData?: PersonalDataMarking;
}>;

/** The event a contract describes: its type name and the data its schema admits. */
export type EventOf<C> =
  C extends EventContract<infer T, infer S> ? Event<T, DeepReadonly<Static<S>> & object> : never;

/**
 * Declares an event contract from its data's field schemas: the data type of the
 * event follows from the schema, so the two cannot disagree. Every property is
 * required and no other is allowed. Personal fields are marked in the schema
 * (`personal()`); their subject is the candidacy (`candidateId`) unless
 * `dataSubject` names another.
 */
export function eventContract<const T extends string, P extends TProperties>(
  definition: Readonly<{
    type: T;
    owner: string;
    description: string;
    schemaVersion: number;
    data: P;
    upcasters?: readonly Upcaster[];
    dataSubject?: DataSubject;
  }>,
): EventContract<T, TObject<P>> {
  const { type, owner, description, schemaVersion, data, upcasters = [] } = definition;
  const schema = Type.Object(data, {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:hirestream:event:${type}:${schemaVersion}`,
    title: type,
    description,
    additionalProperties: false,
  });
  const personalData = personalDataMarking(type, schema, definition.dataSubject);
  return {
    type,
    owner,
    description,
    schemaVersion,
    schema,
    upcasters,
    ...(personalData === undefined ? {} : { personalData }),
  };
}

/** `T` with every array and object in it read-only, as domain states hand them out. */
export type DeepReadonly<T> = T extends (infer I)[]
  ? readonly DeepReadonly<I>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

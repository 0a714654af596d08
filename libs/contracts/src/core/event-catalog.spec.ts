import { Type } from '@sinclair/typebox';
import { EventCatalog, UnknownEventVersionError } from './event-catalog';
import type { EventContract } from './event-contract';

const renamedField: EventContract = {
  type: 'ThingHappened',
  owner: 'things',
  description: 'test contract with two historic versions',
  schemaVersion: 3,
  schema: Type.Object({}),
  upcasters: [
    { fromVersion: 1, upcast: ({ name, ...rest }) => ({ ...rest, title: name }) },
    { fromVersion: 2, upcast: (data) => ({ ...data, tags: [] }) },
  ],
};

describe('EventCatalog', () => {
  const catalog = new EventCatalog([renamedField]);

  it('lifts a v1 event through every upcaster to the current version', () => {
    expect(catalog.upcast('ThingHappened', 1, { name: 'a', size: 2 })).toEqual({
      title: 'a',
      size: 2,
      tags: [],
    });
  });

  it('leaves current-version data as written', () => {
    const data = { title: 'b', tags: ['x'] };
    expect(catalog.upcast('ThingHappened', 3, data)).toBe(data);
  });

  it('refuses data written by a newer version than it knows', () => {
    expect(() => catalog.upcast('ThingHappened', 4, {})).toThrow(UnknownEventVersionError);
  });

  it('refuses a version with no upcaster path', () => {
    const gap = new EventCatalog([{ ...renamedField, upcasters: [renamedField.upcasters[1]] }]);
    expect(() => gap.upcast('ThingHappened', 1, { name: 'a' })).toThrow(/no upcaster from v1/);
  });

  it('refuses the same type declared twice', () => {
    expect(() => new EventCatalog([renamedField, renamedField])).toThrow(/declared twice/);
  });

  it('lists the types a service owns', () => {
    expect(catalog.typesOwnedBy('things')).toEqual(['ThingHappened']);
    expect(catalog.typesOwnedBy('other')).toEqual([]);
  });
});

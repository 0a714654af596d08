import { ERASED_VALUE } from '@hirestream/personal-data';
import { Type, type TSchema, type TUnion, type TLiteral } from '@sinclair/typebox';

/**
 * A personal field as a view shows it: its own rule, or the erased marker
 * (`"[erased]"`) once the candidacy's personal data is erased, which an e-mail
 * address or phone number rule would refuse.
 */
export function erasable<T extends TSchema>(schema: T): TUnion<[T, TLiteral<typeof ERASED_VALUE>]> {
  return Type.Union([schema, Type.Literal(ERASED_VALUE)], {
    description: schema.description,
  });
}

import { uuid, type FieldProblem } from '@hirestream/contracts';
import { isEncryptedValue } from '@hirestream/personal-data';
import { Type, type Static } from '@sinclair/typebox';

const eventData = (description: string) =>
  Type.Record(Type.String(), Type.Unknown(), { description });

/** What an outside subscriber asks to have opened: a Kafka message's `ce_id` and value. */
export const PersonalDataOpeningRequest = Type.Object(
  {
    eventId: uuid({
      description: "The message's ce_id: every sealed value is bound to it",
    }),
    data: eventData('The message value as published, its personal values sealed'),
  },
  { title: 'PersonalDataOpeningRequest', additionalProperties: false },
);
export type PersonalDataOpeningRequest = Static<typeof PersonalDataOpeningRequest>;

/** The data is an event's, holding sealed values, not one sealed value itself (which opens to a string). */
export function eventDataSent({ data }: PersonalDataOpeningRequest): FieldProblem[] {
  return isEncryptedValue(data)
    ? [
        {
          field: 'data',
          rule: 'eventData',
          message: "data must be the message value (an event's data), not one sealed value",
        },
      ]
    : [];
}

/** The data opened, and what of it was erased. */
export const PersonalDataOpeningView = Type.Object(
  {
    data: eventData(
      'The data with every sealed value opened; a value whose subject was erased reads as "[erased]"',
    ),
    keyIds: Type.Array(Type.String(), {
      description: 'The data keys the values were sealed under (the ce_datakeyids header)',
    }),
    erasedPaths: Type.Array(Type.String(), {
      description: 'JSON Pointers of the values that read as "[erased]": their keys are erased',
    }),
  },
  { title: 'PersonalDataOpening', additionalProperties: false },
);
export type PersonalDataOpeningView = Static<typeof PersonalDataOpeningView>;

import { Type } from '@sinclair/typebox';
import { EventCatalog, UnknownEventVersionError } from './event-catalog';
import { eventContract } from './event-contract';
import { emailAddress, multiLineText, nullable, singleLineText, uuid } from './field-schemas';
import { notPersonal, personal, personalPathsOf, undecidedPersonalFields } from './personal-data';

describe('personal data in event contracts', () => {
  it('finds marked fields at any depth, inside objects and array items, nullable or not', () => {
    const schema = Type.Object({
      name: personal(singleLineText(100)),
      phone: nullable(personal(singleLineText(40))),
      referees: Type.Array(
        Type.Object({
          'a/b~c': personal(singleLineText(100)),
          note: notPersonal(multiLineText(9)),
        }),
      ),
      override: nullable(Type.Object({ reason: personal(multiLineText(100)) })),
      tags: Type.Array(personal(singleLineText(10))),
    });
    expect(personalPathsOf(schema)).toEqual([
      '/name',
      '/phone',
      '/referees/*/a~1b~0c',
      '/override/reason',
      '/tags/*',
    ]);
  });

  it('refuses a personal mark on something other than a string', () => {
    const schema = Type.Object({ salary: personal(Type.Integer()) });
    expect(() => personalPathsOf(schema)).toThrow('/salary is marked personal but is not a string');
  });

  it('names the string fields that look personal and were not decided, leaving out ids and vocabularies', () => {
    const schema = Type.Object({
      candidateId: uuid(),
      fullName: singleLineText(100),
      contact: Type.Object({ email: emailAddress() }),
      comments: Type.Array(multiLineText(100)),
      title: notPersonal(singleLineText(100)),
      reason: Type.Unsafe<string>({ type: 'string', enum: ['a', 'b'] }),
      signedName: personal(singleLineText(100)),
    });
    expect(undecidedPersonalFields(schema)).toEqual(['/fullName', '/contact/email', '/comments/*']);
  });

  describe('given a contract with personal fields', () => {
    const noted = eventContract({
      type: 'NoteWritten',
      owner: 'notes',
      description: 'a note about a candidate',
      schemaVersion: 2,
      data: { candidateId: uuid(), text: personal(multiLineText(100)), author: uuid() },
      upcasters: [
        {
          fromVersion: 1,
          personalPaths: ['/body'],
          upcast: ({ body, ...rest }) => ({ ...rest, text: body }),
        },
      ],
    });
    const catalog = new EventCatalog([noted]);

    it('takes the candidacy of its candidateId as the data subject when it names none', () => {
      expect(catalog.personalDataOf('NoteWritten', 2)).toEqual({
        subject: { kind: 'candidate', field: 'candidateId' },
        paths: ['/text'],
      });
    });

    it("gives an older version's paths from its upcaster", () => {
      expect(catalog.personalDataOf('NoteWritten', 1)?.paths).toEqual(['/body']);
    });

    it('refuses a version it does not know', () => {
      expect(() => catalog.personalDataOf('NoteWritten', 3)).toThrow(UnknownEventVersionError);
      expect(catalog.personalDataOf('NoSuchEvent', 1)).toBeUndefined();
    });
  });

  it('refuses a contract with personal fields and no data subject', () => {
    expect(() =>
      eventContract({
        type: 'Orphaned',
        owner: 'notes',
        description: 'personal data of nobody',
        schemaVersion: 1,
        data: { text: personal(multiLineText(100)) },
      }),
    ).toThrow('Orphaned has personal fields but names no data subject');
  });

  it('refuses a data subject field that is itself personal or missing', () => {
    expect(() =>
      eventContract({
        type: 'Misnamed',
        owner: 'notes',
        description: 'the subject field is missing',
        schemaVersion: 1,
        data: { text: personal(multiLineText(100)) },
        dataSubject: { kind: 'interviewer', field: 'interviewerId' },
      }),
    ).toThrow("Misnamed's data subject field interviewerId must be a required, plain string");
  });
});

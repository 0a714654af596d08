import { actorId, NO_SHOW_PARTIES, oneOf, type FieldProblem } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

/** Valid only as a pair: `interviewerId` is given exactly when the party is an interviewer. */
export const RecordNoShowBody = Type.Object(
  {
    party: oneOf(NO_SHOW_PARTIES, { description: 'Who did not come' }),
    interviewerId: Type.Optional(
      actorId({ description: 'The panel member who did not come; only for an interviewer' }),
    ),
  },
  { title: 'RecordNoShow', additionalProperties: false },
);
export type RecordNoShowBody = Static<typeof RecordNoShowBody>;

export function noShowPairing({ party, interviewerId }: RecordNoShowBody): FieldProblem[] {
  if (party === 'interviewer' && interviewerId === undefined) {
    return [
      {
        field: 'interviewerId',
        rule: 'required',
        message: 'interviewerId names the panel member who did not come',
      },
    ];
  }
  if (party === 'candidate' && interviewerId !== undefined) {
    return [
      {
        field: 'interviewerId',
        rule: 'onlyForAnInterviewer',
        message: 'interviewerId names a panel member, so it goes with party interviewer only',
      },
    ];
  }
  return [];
}

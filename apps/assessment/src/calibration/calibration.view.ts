import { actorId, type DeepReadonly } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

const count = (description?: string) => Type.Integer({ minimum: 0, description });

/**
 * One interviewer's submitted feedback (each as its latest amendment has it)
 * set beside the panels' decisions on the rounds it was given in.
 */
export const InterviewerCalibration = Type.Object(
  {
    interviewerId: actorId(),
    feedbackGiven: count('Submitted feedback, one per interview'),
    ratings: Type.Object(
      {
        '1': count(),
        '2': count(),
        '3': count(),
        '4': count(),
        notAssessed: count(),
      },
      { additionalProperties: false, description: 'How often they gave each criterion rating' },
    ),
    recommendations: Type.Object(
      { 'strong-no': count(), no: count(), yes: count(), 'strong-yes': count() },
      { additionalProperties: false },
    ),
    decisions: Type.Object(
      {
        agreed: count('yes or strong yes on a round advanced; no or strong no on one rejected'),
        disagreed: count('yes or strong yes on a round rejected; no or strong no on one advanced'),
        stronglyDisagreed: count(
          'Of those disagreeing: strong yes on a round rejected, strong no on one advanced',
        ),
        held: count('On rounds whose latest decision is a hold: neither agreeing nor not'),
        undecided: count('On rounds not decided yet'),
        agreementRate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
          description:
            'agreed / (agreed + disagreed); null before any round was advanced or rejected',
        }),
      },
      { additionalProperties: false },
    ),
  },
  { title: 'InterviewerCalibration', additionalProperties: false },
);
export type InterviewerCalibration = DeepReadonly<Static<typeof InterviewerCalibration>>;

export const CalibrationQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type CalibrationQuery = Static<typeof CalibrationQuery>;

export const CalibrationList = Type.Object(
  {
    total: count('Interviewers with submitted feedback'),
    limit: Type.Integer(),
    offset: Type.Integer(),
    interviewers: Type.Array(InterviewerCalibration, { description: 'By interviewer id' }),
  },
  { title: 'CalibrationList', additionalProperties: false },
);
export type CalibrationList = DeepReadonly<Static<typeof CalibrationList>>;

import {
  actorId,
  calendarDate,
  identifier,
  nullable,
  oneOf,
  singleLineText,
  utcInstant,
  type FieldProblem,
} from '@hirestream/contracts';
import { Type, type Static, type TProperties } from '@sinclair/typebox';

const filterFields = {
  jobId: Type.Optional(
    identifier({ description: 'Only candidacies for this job', examples: ['job-7'] }),
  ),
  department: Type.Optional(
    identifier({
      description: "Only candidacies for the department's jobs (policies/jobs.json)",
      examples: ['engineering'],
    }),
  ),
  source: Type.Optional(
    singleLineText(100, {
      description: 'Only candidacies from this source',
      examples: ['referral'],
    }),
  ),
  from: Type.Optional(
    calendarDate({ description: 'Only candidacies registered on this UTC day or later' }),
  ),
  to: Type.Optional(
    calendarDate({ description: 'Only candidacies registered on this UTC day or earlier' }),
  ),
  asOf: Type.Optional(
    utcInstant({
      description: 'Count what had happened by this instant (default: now)',
      examples: ['2030-03-31T23:59:59Z'],
    }),
  ),
};

/** Filters every process measure takes. */
export const MeasureQuery = Type.Object(filterFields, { additionalProperties: false });
export type MeasureQuery = Static<typeof MeasureQuery>;

export const TREND_MEASURES = ['registered', 'hired', 'offers-accepted'] as const;
export const TrendQuery = Type.Object(
  {
    ...filterFields,
    measure: oneOf(TREND_MEASURES),
    interval: oneOf(['week', 'month'] as const, { default: 'week' }),
  },
  { additionalProperties: false },
);
export type TrendQuery = Static<typeof TrendQuery>;

/** The period ends on or after its start. */
export function orderedPeriod({
  from,
  to,
}: Readonly<{ from?: string; to?: string }>): FieldProblem[] {
  return from !== undefined && to !== undefined && to < from
    ? [{ field: 'to', rule: 'orderedPeriod', message: 'to must be on or after from' }]
    : [];
}

const rate = () =>
  nullable(Type.Number({ minimum: 0, description: 'null when nothing to divide by' }));
const hours = () => nullable(Type.Number({ minimum: 0 }));

const AppliedFilters = Type.Object(
  {
    jobId: nullable(identifier()),
    department: nullable(identifier()),
    source: nullable(singleLineText(100)),
    from: nullable(calendarDate()),
    to: nullable(calendarDate()),
  },
  { additionalProperties: false },
);
export type AppliedFilters = Static<typeof AppliedFilters>;

const view = <P extends TProperties>(title: string, properties: P) =>
  Type.Object(
    { asOf: utcInstant(), filters: AppliedFilters, ...properties },
    { title, additionalProperties: false },
  );

export const FunnelView = view('Funnel', {
  stages: Type.Array(
    Type.Object(
      { stage: Type.String(), reached: Type.Integer({ minimum: 0 }) },
      { additionalProperties: false },
    ),
  ),
  passThrough: Type.Array(
    Type.Object(
      { from: Type.String(), to: Type.String(), rate: rate() },
      { additionalProperties: false },
    ),
  ),
});
export type FunnelView = Static<typeof FunnelView>;

export const StageTimesView = view('StageTimes', {
  stages: Type.Array(
    Type.Object(
      {
        stage: Type.String(),
        count: Type.Integer({ minimum: 0 }),
        medianHours: hours(),
        p90Hours: hours(),
      },
      { additionalProperties: false },
    ),
  ),
});
export type StageTimesView = Static<typeof StageTimesView>;

export const TimeToHireView = view('TimeToHire', {
  hired: Type.Integer({ minimum: 0 }),
  medianDays: hours(),
  p90Days: hours(),
});
export type TimeToHireView = Static<typeof TimeToHireView>;

export const InterviewsView = view('InterviewMeasures', {
  scheduled: Type.Integer({ minimum: 0 }),
  completed: Type.Integer({ minimum: 0 }),
  cancelled: Type.Integer({ minimum: 0 }),
  noShows: Type.Integer({ minimum: 0, description: 'Interviews the candidate did not attend' }),
  noShowRate: rate(),
  interviewerNoShows: Type.Integer({
    minimum: 0,
    description: 'Interviews a panel member did not attend',
  }),
  rescheduled: Type.Integer({ minimum: 0, description: 'Interviews moved at least once' }),
  rescheduleRate: rate(),
});
export type InterviewsView = Static<typeof InterviewsView>;

export const FeedbackView = view('FeedbackMeasures', {
  submitted: Type.Integer({ minimum: 0 }),
  medianTurnaroundHours: hours(),
  p90TurnaroundHours: hours(),
  overdue: Type.Integer({
    minimum: 0,
    description: 'Requests past due, neither given nor withdrawn',
  }),
});
export type FeedbackView = Static<typeof FeedbackView>;

export const OffersView = view('OfferMeasures', {
  extended: Type.Integer({ minimum: 0 }),
  accepted: Type.Integer({ minimum: 0 }),
  declined: Type.Integer({ minimum: 0 }),
  acceptanceRate: rate(),
  declineReasons: Type.Array(
    Type.Object(
      { reason: Type.String(), count: Type.Integer({ minimum: 0 }) },
      { additionalProperties: false },
    ),
  ),
});
export type OffersView = Static<typeof OffersView>;

export const AdverseActionsView = view('AdverseActionMeasures', {
  checks: Type.Integer({ minimum: 0 }),
  preAdverseNotices: Type.Integer({ minimum: 0 }),
  adverseActions: Type.Integer({ minimum: 0 }),
  rate: rate(),
});
export type AdverseActionsView = Static<typeof AdverseActionsView>;

export const TrendView = view('Trend', {
  measure: oneOf(TREND_MEASURES),
  interval: oneOf(['week', 'month'] as const),
  points: Type.Array(
    Type.Object(
      { periodStart: calendarDate(), count: Type.Integer({ minimum: 0 }) },
      { additionalProperties: false },
    ),
  ),
});
export type TrendView = Static<typeof TrendView>;

export const CalibrationView = view('InterviewerCalibration', {
  interviewers: Type.Array(
    Type.Object(
      {
        interviewerId: actorId(),
        scorecards: Type.Integer({
          minimum: 0,
          description: 'Scorecards submitted by the instant, each as its latest amendment has it',
        }),
        meanRating: nullable(
          Type.Number({
            minimum: 1,
            maximum: 4,
            description: 'Mean of the criterion ratings given (1 to 4); not assessed left out',
          }),
        ),
        hireRecommendations: Type.Integer({ minimum: 0, description: 'yes or strong yes' }),
        hireRecommendationRate: rate(),
        decided: Type.Integer({
          minimum: 0,
          description: 'Scorecards on rounds the panel advanced or rejected (its latest decision)',
        }),
        agreed: Type.Integer({
          minimum: 0,
          description: 'yes or strong yes on a round advanced; no or strong no on one rejected',
        }),
        agreementRate: rate(),
      },
      { additionalProperties: false },
    ),
    { description: 'Every interviewer with a scorecard in scope, by id' },
  ),
});
export type CalibrationView = Static<typeof CalibrationView>;

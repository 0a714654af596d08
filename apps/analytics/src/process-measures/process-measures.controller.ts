import { QueryRoute, ValidQuery, type Role } from '@hirestream/platform';
import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ProcessMeasures } from './process-measures';
import {
  AdverseActionsView,
  CalibrationView,
  FeedbackView,
  FunnelView,
  InterviewsView,
  MeasureQuery,
  OffersView,
  orderedPeriod,
  StageTimesView,
  TimeToHireView,
  TrendQuery,
  TrendView,
} from './process-measures.query';

/** Who reviews the process: no measure names a person's data. */
const MEASURE_READERS: Role[] = ['recruiter', 'hiring-manager', 'auditor', 'admin'];

@ApiTags('process measures')
@Controller('analytics')
export class ProcessMeasuresController {
  constructor(private readonly measures: ProcessMeasures) {}

  @QueryRoute({
    path: 'funnel',
    operationId: 'getFunnel',
    summary:
      'Candidacies that reached each stage, and the pass-through rate of each step, as of an instant',
    roles: MEASURE_READERS,
    response: FunnelView,
  })
  funnel(@ValidQuery(MeasureQuery, orderedPeriod) query: MeasureQuery): Promise<FunnelView> {
    return this.measures.funnel(query);
  }

  @QueryRoute({
    path: 'stage-times',
    operationId: 'getStageTimes',
    summary: 'Time spent in each stage (stays ended by the instant): count, median and p90 hours',
    roles: MEASURE_READERS,
    response: StageTimesView,
  })
  stageTimes(
    @ValidQuery(MeasureQuery, orderedPeriod) query: MeasureQuery,
  ): Promise<StageTimesView> {
    return this.measures.stageTimes(query);
  }

  @QueryRoute({
    path: 'time-to-hire',
    operationId: 'getTimeToHire',
    summary: 'Hires by the instant and the days from registration to hire (median, p90)',
    roles: MEASURE_READERS,
    response: TimeToHireView,
  })
  timeToHire(
    @ValidQuery(MeasureQuery, orderedPeriod) query: MeasureQuery,
  ): Promise<TimeToHireView> {
    return this.measures.timeToHire(query);
  }

  @QueryRoute({
    path: 'interviews',
    operationId: 'getInterviewMeasures',
    summary: 'Interviews scheduled, completed, cancelled, no-shows and reschedules, with rates',
    roles: MEASURE_READERS,
    response: InterviewsView,
  })
  interviews(
    @ValidQuery(MeasureQuery, orderedPeriod) query: MeasureQuery,
  ): Promise<InterviewsView> {
    return this.measures.interviews(query);
  }

  @QueryRoute({
    path: 'feedback',
    operationId: 'getFeedbackMeasures',
    summary:
      'Feedback submitted, its turnaround from the request (median, p90 hours) and overdue requests',
    roles: MEASURE_READERS,
    response: FeedbackView,
  })
  feedback(@ValidQuery(MeasureQuery, orderedPeriod) query: MeasureQuery): Promise<FeedbackView> {
    return this.measures.feedback(query);
  }

  @QueryRoute({
    path: 'offers',
    operationId: 'getOfferMeasures',
    summary:
      'Offers extended, accepted and declined, the acceptance rate and the decline categories',
    roles: MEASURE_READERS,
    response: OffersView,
  })
  offers(@ValidQuery(MeasureQuery, orderedPeriod) query: MeasureQuery): Promise<OffersView> {
    return this.measures.offers(query);
  }

  @QueryRoute({
    path: 'adverse-actions',
    operationId: 'getAdverseActionMeasures',
    summary: 'Background checks begun, pre-adverse notices, final adverse actions and their rate',
    roles: MEASURE_READERS,
    response: AdverseActionsView,
  })
  adverseActions(
    @ValidQuery(MeasureQuery, orderedPeriod) query: MeasureQuery,
  ): Promise<AdverseActionsView> {
    return this.measures.adverseActions(query);
  }

  @QueryRoute({
    path: 'calibration',
    operationId: 'getInterviewerCalibration',
    summary:
      'Per interviewer: scorecards, mean rating, hire recommendations and agreement with the panels',
    roles: MEASURE_READERS,
    response: CalibrationView,
  })
  calibration(
    @ValidQuery(MeasureQuery, orderedPeriod) query: MeasureQuery,
  ): Promise<CalibrationView> {
    return this.measures.calibration(query);
  }

  @QueryRoute({
    path: 'trends',
    operationId: 'getTrend',
    summary:
      'Registrations, hires or accepted offers per week (from Monday) or month, as of an instant',
    roles: MEASURE_READERS,
    response: TrendView,
  })
  trend(@ValidQuery(TrendQuery, orderedPeriod) query: TrendQuery): Promise<TrendView> {
    return this.measures.trend(query);
  }
}

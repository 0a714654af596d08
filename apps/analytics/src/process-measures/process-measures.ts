import { RequestValidationError } from '@hirestream/platform';
import { Injectable } from '@nestjs/common';
import { FUNNEL_STAGES } from '../hiring-facts/hiring-facts.fold';
import { HiringFactsProjection } from '../hiring-facts/hiring-facts.projection';
import {
  countFacts,
  countFactsPerPeriod,
  countOverdueFeedback,
  summarizeCalibration,
  summarizeDurations,
  type MeasureFilters,
} from '../hiring-facts/hiring-facts.queries';
import { JobDepartments } from '../job-departments/job-departments';
import type {
  AdverseActionsView,
  AppliedFilters,
  CalibrationView,
  FeedbackView,
  FunnelView,
  InterviewsView,
  MeasureQuery,
  OffersView,
  StageTimesView,
  TimeToHireView,
  TrendQuery,
  TrendView,
} from './process-measures.query';

/** The funnel's steps: the main path, never through the optional background check. */
const PASS_THROUGH_STEPS = [
  ['applied', 'screening'],
  ['screening', 'interviewing'],
  ['interviewing', 'offer'],
  ['offer', 'hired'],
] as const;

/** The stages a candidacy stays in for a while (the others are final). */
const TIMED_STAGES = FUNNEL_STAGES.filter((stage) => stage !== 'hired');

const TREND_FACTS = {
  registered: ['stage-reached', 'applied'],
  hired: ['stage-reached', 'hired'],
  'offers-accepted': ['offer', 'accepted'],
} as const;

const HOURS_PER_DAY = 24;

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

type Scope = Readonly<{ asOf: string; filters: AppliedFilters; measureFilters: MeasureFilters }>;

/** The process measures of the API, each as of an instant, from the hiring facts. */
@Injectable()
export class ProcessMeasures {
  constructor(
    private readonly facts: HiringFactsProjection,
    private readonly departments: JobDepartments,
  ) {}

  async funnel(query: MeasureQuery): Promise<FunnelView> {
    const scope = this.scopeOf(query);
    const reached = await this.facts.read((sql, t) =>
      countFacts(sql, t, 'stage-reached', scope.measureFilters),
    );
    const count = (stage: string) => reached.get(stage) ?? 0;
    return {
      asOf: scope.asOf,
      filters: scope.filters,
      stages: FUNNEL_STAGES.map((stage) => ({ stage, reached: count(stage) })),
      passThrough: PASS_THROUGH_STEPS.map(([from, to]) => ({
        from,
        to,
        rate: ratio(count(to), count(from)),
      })),
    };
  }

  async stageTimes(query: MeasureQuery): Promise<StageTimesView> {
    const scope = this.scopeOf(query);
    const stays = await this.facts.read((sql, t) =>
      summarizeDurations(sql, t, 'stage-time', scope.measureFilters),
    );
    return {
      asOf: scope.asOf,
      filters: scope.filters,
      stages: TIMED_STAGES.map((stage) => {
        const summary = stays.get(stage);
        return {
          stage,
          count: summary?.count ?? 0,
          medianHours: summary?.medianHours ?? null,
          p90Hours: summary?.p90Hours ?? null,
        };
      }),
    };
  }

  async timeToHire(query: MeasureQuery): Promise<TimeToHireView> {
    const scope = this.scopeOf(query);
    const hires = await this.facts.read((sql, t) =>
      summarizeDurations(sql, t, 'time-to-hire', scope.measureFilters),
    );
    const summary = hires.get('');
    const days = (hours: number | null | undefined) =>
      hours === null || hours === undefined ? null : hours / HOURS_PER_DAY;
    return {
      asOf: scope.asOf,
      filters: scope.filters,
      hired: summary?.count ?? 0,
      medianDays: days(summary?.medianHours),
      p90Days: days(summary?.p90Hours),
    };
  }

  async interviews(query: MeasureQuery): Promise<InterviewsView> {
    const scope = this.scopeOf(query);
    const counts = await this.facts.read((sql, t) =>
      countFacts(sql, t, 'interview', scope.measureFilters),
    );
    const count = (key: string) => counts.get(key) ?? 0;
    return {
      asOf: scope.asOf,
      filters: scope.filters,
      scheduled: count('scheduled'),
      completed: count('completed'),
      cancelled: count('cancelled'),
      noShows: count('no-show:candidate'),
      noShowRate: ratio(count('no-show:candidate'), count('scheduled')),
      interviewerNoShows: count('no-show:interviewer'),
      rescheduled: count('rescheduled'),
      rescheduleRate: ratio(count('rescheduled'), count('scheduled')),
    };
  }

  async feedback(query: MeasureQuery): Promise<FeedbackView> {
    const scope = this.scopeOf(query);
    const [turnarounds, overdue] = await this.facts.read((sql, t) =>
      Promise.all([
        summarizeDurations(sql, t, 'feedback-turnaround', scope.measureFilters),
        countOverdueFeedback(sql, t, scope.measureFilters),
      ]),
    );
    const summary = turnarounds.get('');
    return {
      asOf: scope.asOf,
      filters: scope.filters,
      submitted: summary?.count ?? 0,
      medianTurnaroundHours: summary?.medianHours ?? null,
      p90TurnaroundHours: summary?.p90Hours ?? null,
      overdue,
    };
  }

  async offers(query: MeasureQuery): Promise<OffersView> {
    const scope = this.scopeOf(query);
    const counts = await this.facts.read((sql, t) =>
      countFacts(sql, t, 'offer', scope.measureFilters),
    );
    const count = (key: string) => counts.get(key) ?? 0;
    const declineReasons = [...counts]
      .filter(([key]) => key.startsWith('declined:'))
      .map(([key, n]) => ({ reason: key.slice('declined:'.length), count: n }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
    return {
      asOf: scope.asOf,
      filters: scope.filters,
      extended: count('extended'),
      accepted: count('accepted'),
      declined: count('declined'),
      acceptanceRate: ratio(count('accepted'), count('extended')),
      declineReasons,
    };
  }

  async adverseActions(query: MeasureQuery): Promise<AdverseActionsView> {
    const scope = this.scopeOf(query);
    const counts = await this.facts.read((sql, t) =>
      countFacts(sql, t, 'check', scope.measureFilters),
    );
    const count = (key: string) => counts.get(key) ?? 0;
    return {
      asOf: scope.asOf,
      filters: scope.filters,
      checks: count('initiated'),
      preAdverseNotices: count('pre-adverse-action'),
      adverseActions: count('adverse-action'),
      rate: ratio(count('adverse-action'), count('initiated')),
    };
  }

  async calibration(query: MeasureQuery): Promise<CalibrationView> {
    const scope = this.scopeOf(query);
    const interviewers = await this.facts.read((sql, t) =>
      summarizeCalibration(sql, t, scope.measureFilters),
    );
    return {
      asOf: scope.asOf,
      filters: scope.filters,
      interviewers: interviewers.map((counts) => ({
        interviewerId: counts.interviewerId,
        scorecards: counts.scorecards,
        meanRating: counts.meanRating,
        hireRecommendations: counts.hireRecommendations,
        hireRecommendationRate: ratio(counts.hireRecommendations, counts.scorecards),
        decided: counts.decided,
        agreed: counts.agreed,
        agreementRate: ratio(counts.agreed, counts.decided),
      })),
    };
  }

  async trend(query: TrendQuery): Promise<TrendView> {
    const scope = this.scopeOf(query);
    const [measure, key] = TREND_FACTS[query.measure];
    const points = await this.facts.read((sql, t) =>
      countFactsPerPeriod(sql, t, measure, key, query.interval, scope.measureFilters),
    );
    return {
      asOf: scope.asOf,
      filters: scope.filters,
      measure: query.measure,
      interval: query.interval,
      points,
    };
  }

  private scopeOf(query: MeasureQuery): Scope {
    const asOf = query.asOf ?? new Date().toISOString();
    let jobIds: readonly string[] | null = query.jobId === undefined ? null : [query.jobId];
    if (query.department !== undefined) {
      const ofDepartment = this.departments.jobsOf(query.department);
      if (ofDepartment === undefined) {
        throw new RequestValidationError([
          {
            field: 'department',
            rule: 'knownDepartment',
            message: 'department must be one that a job of policies/jobs.json belongs to',
          },
        ]);
      }
      jobIds = jobIds === null ? ofDepartment : jobIds.filter((job) => ofDepartment.includes(job));
    }
    const source = query.source ?? null;
    const from = query.from ?? null;
    const to = query.to ?? null;
    return {
      asOf,
      filters: {
        jobId: query.jobId ?? null,
        department: query.department ?? null,
        source,
        from,
        to,
      },
      measureFilters: { asOf, jobIds, source, from, to },
    };
  }
}

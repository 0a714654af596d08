import { randomUUID } from 'node:crypto';
import { signedWebhook } from '../support/screening-webhooks';
import {
  ALWAYS_AVAILABLE,
  hoursAfter,
  SEEDED_INTERVIEW_KIND,
  SEEDED_JOB_ID,
  SEEDED_RUBRIC,
  seededInterviewKit,
  type AssignmentSeeds,
  type CheckSeeds,
  type HiringSeeds,
  type InterviewGuideSeeds,
  type OfferSeeds,
  SEEDED_OFFER_EXPIRES_AT,
} from '../support/hiring-seeds';
import { draftedTerms } from '../support/offer-stream-facts';

/** One candidacy and what it holds. */
export type Candidacy = Readonly<{
  candidateId: string;
  interviewId: string;
  dayId: string;
  /** A take-home, not submitted yet, reviewed on the own candidacy by the interviewer and hiring manager tokens. */
  assignmentId: string;
  /** A drafted offer, awaiting its first approver (no token's subject is in its chain). */
  offerId: string;
  /** A background check awaiting the candidate's consent (the candidacy moved to `background-check` last). */
  checkId: string;
  /** A recruiter's erasure request awaiting an admin's approval. */
  erasureRequestId: string;
}>;

/**
 * The resources an access case names: the caller's own candidacy and another's,
 * each in `interviewing` with an interview and an interview day, on a day of
 * the world's own so that its bookings never meet another world's.
 */
export type AccessWorld = Readonly<{
  /** 09:00 UTC on the world's day; the seeded bookings fill 09:00–12:00. */
  morning: string;
  own: Candidacy;
  foreign: Candidacy;
  /** An interviewer id no other world uses, for the bookings a case makes on `candidacy`. */
  fresh: (name: string, candidacy: Candidacy) => string;
  /** A published rubric, and the kit of the candidacies' job for their interviews' kind (every world's). */
  guides: SeededGuides;
}>;

/** The rubric and kit every world shares: rubrics and kits are no candidacy's. */
export type SeededGuides = Readonly<{ rubricId: string; jobId: string; kind: string }>;

/** The interviewer an `interviewer` token speaks for: on the panels of the own candidacy only. */
export const OWN_INTERVIEWER = 'interviewer-1';
export const FOREIGN_INTERVIEWER = 'interviewer-2';

const FIRST_DAY = Date.parse('2031-01-06T09:00:00Z');
const DAY_MS = 86_400_000;

/** Makes worlds through the services' APIs, each on the day after the one before. */
export function accessWorlds(
  seeds: HiringSeeds,
  guideSeeds: InterviewGuideSeeds,
  assignments: AssignmentSeeds,
  offers: OfferSeeds,
  checks: CheckSeeds,
): () => Promise<AccessWorld> {
  let worlds = 0;
  let guides: Promise<SeededGuides> | undefined;
  return async () => {
    guides ??= seededGuides(guideSeeds);
    return accessWorld(seeds, assignments, offers, checks, await guides, worlds++);
  };
}

async function seededGuides(seeds: InterviewGuideSeeds): Promise<SeededGuides> {
  const rubricId = await seeds.rubric();
  await seeds.interviewKit(SEEDED_JOB_ID, SEEDED_INTERVIEW_KIND, rubricId);
  return { rubricId, jobId: SEEDED_JOB_ID, kind: SEEDED_INTERVIEW_KIND };
}

/** The reviewer a `hiring-manager` token speaks for, on the own candidacy's assignment. */
const OWN_HIRING_MANAGER = 'hiring-manager-1';

async function accessWorld(
  seeds: HiringSeeds,
  assignments: AssignmentSeeds,
  offers: OfferSeeds,
  checks: CheckSeeds,
  guides: SeededGuides,
  index: number,
): Promise<AccessWorld> {
  const morning = new Date(FIRST_DAY + index * DAY_MS).toISOString().replace('.000Z', 'Z');
  const named = (name: string) => `${name}-${index}`;
  const candidacy = async (
    panelist: string,
    second: string,
    reviewers: readonly string[],
  ): Promise<Candidacy> => {
    const candidateId = await seeds.interviewingCandidate();
    const interviewing = {
      candidateId,
      interviewId: await seeds.interview(candidateId, [panelist, second], morning),
      dayId: await seeds.interviewDay(candidateId, [panelist, second], hoursAfter(morning, 1)),
      assignmentId: await assignments.assignment(
        candidateId,
        guides.rubricId,
        reviewers,
        hoursAfter(morning, 48),
      ),
      offerId: await offers.offer(candidateId),
    };
    return {
      ...interviewing,
      checkId: await checks.check(candidateId),
      erasureRequestId: await seeds.erasureRequest(candidateId),
    };
  };
  const [own, foreign] = await Promise.all([
    candidacy(OWN_INTERVIEWER, named('own-second'), [OWN_INTERVIEWER, OWN_HIRING_MANAGER]),
    candidacy(named('foreign-lead'), named('foreign-second'), [named('foreign-reviewer')]),
  ]);
  const fresh = (name: string, { candidateId }: Candidacy) =>
    named(`${name}-${candidateId.slice(0, 8)}`);
  return { morning, own, foreign, fresh, guides };
}

/** What a case sends besides its path and token. */
export type AccessRequestParts = Readonly<{
  query?: Readonly<Record<string, string>>;
  /** A string is sent as it is (a signed webhook's body). */
  payload?: Readonly<Record<string, unknown>> | string;
  headers?: Readonly<Record<string, string>>;
}>;

/**
 * Valid requests for the operations that need a query or a body, so that an
 * allowed caller's request really runs (or meets a domain rule, such as a 409
 * for a no-show recorded before the interview). Operations missing here get a
 * body sampled from their schema.
 */
export const ACCESS_REQUESTS: Readonly<
  Record<string, (world: AccessWorld, candidacy: Candidacy) => AccessRequestParts>
> = {
  registerCandidate: () => ({
    payload: { fullName: 'Ada Lovelace', email: 'ada@example.org', jobId: 'job-1', source: 'web' },
  }),
  recordScreening: () => ({ payload: { passed: true } }),
  getCandidateDiff: () => ({ query: { from: '0', to: '1' } }),
  getTrend: () => ({ query: { measure: 'registered' } }),
  // A decline is valid in every jurisdiction, whatever the candidacy's job.
  recordSelfIdentification: () => ({ payload: { declined: true } }),
  getAdverseImpact: () => ({ query: { stage: 'screening', dimension: 'sex' } }),
  moveCandidateStage: () => ({ payload: { to: 'offer' } }),
  rejectCandidate: () => ({ payload: { category: 'rejected-by-us', reason: 'Not this time' } }),
  withdrawCandidate: () => ({ payload: { reason: 'Took another offer' } }),
  requestErasure: () => ({ payload: { reason: 'person-asked' } }),
  refuseErasureRequest: () => ({ payload: { ground: 'legal-claims' } }),
  erasePersonalData: () => ({ payload: { reason: 'person-asked' } }),
  recordRetentionConsent: () => ({ payload: { keepUntil: '2035-01-01T00:00:00Z' } }),
  scheduleInterview: (world, candidacy) => ({
    payload: {
      kind: 'final',
      round: 3,
      format: 'phone',
      startsAt: hoursAfter(world.morning, 4),
      endsAt: hoursAfter(world.morning, 5),
      candidateTimeZone: 'Europe/London',
      panel: [{ interviewerId: world.fresh('final-lead', candidacy), role: 'lead' }],
    },
  }),
  scheduleInterviewDay: (world, candidacy) => ({
    payload: {
      candidateTimeZone: 'Europe/London',
      breaks: [],
      sessions: [6, 7].map((hour) => ({
        title: `Afternoon ${hour}`,
        kind: 'panel',
        round: 4,
        format: 'phone',
        panel: [{ interviewerId: world.fresh(`afternoon-${hour}`, candidacy), role: 'lead' }],
        startsAt: hoursAfter(world.morning, hour),
        endsAt: hoursAfter(world.morning, hour + 1),
      })),
    },
  }),
  rescheduleInterviewDay: (world) => ({
    payload: { startsAt: hoursAfter(world.morning, 9), reason: 'The room is taken' },
  }),
  cancelInterviewDay: () => ({ payload: { reason: 'The role is on hold' } }),
  rescheduleInterview: (world) => ({
    payload: {
      startsAt: hoursAfter(world.morning, 12),
      endsAt: hoursAfter(world.morning, 13),
      reason: 'The lead is ill',
    },
  }),
  cancelInterview: () => ({ payload: { reason: 'The role is on hold' } }),
  recordNoShow: () => ({ payload: { party: 'candidate' } }),
  listInterviewerInterviews: (world) => ({
    query: { from: hoursAfter(world.morning, -24), to: hoursAfter(world.morning, 24) },
  }),
  getInterviewerCalendar: (world) => ({
    query: { from: hoursAfter(world.morning, -24), to: hoursAfter(world.morning, 24) },
  }),
  setInterviewerAvailability: () => ({ payload: ALWAYS_AVAILABLE }),
  // The seeded content again: an allowed author's request runs and publishes nothing new.
  reviseRubric: () => ({ payload: SEEDED_RUBRIC }),
  publishInterviewKit: (world) => ({ payload: seededInterviewKit(world.guides.rubricId) }),
  assignAssessment: (world) => ({
    payload: {
      kind: 'work-sample',
      title: 'Code review of a pull request',
      instructions: 'Review the pull request as you would a colleague’s.',
      dueAt: hoursAfter(world.morning, 24),
      reviewerIds: [OWN_INTERVIEWER],
      rubricId: world.guides.rubricId,
    },
  }),
  extendAssessment: (world) => ({
    payload: { dueAt: hoursAfter(world.morning, 72), reason: 'The candidate is travelling' },
  }),
  submitAssessment: () => ({
    payload: { reference: 'https://git.example.org/grace/rate-limiter', sha256: 'e'.repeat(64) },
  }),
  scoreAssessment: () => ({
    payload: {
      ratings: SEEDED_RUBRIC.criteria.map(({ criterionId }) => ({ criterionId, rating: 3 })),
      strengths: 'A clear design',
      concerns: 'Few tests',
      recommendation: 'yes',
    },
  }),
  recordPanelDecision: () => ({
    payload: { round: 1, decision: 'hold', rationale: 'Waiting for the other finalist' },
  }),
  // News of a check the candidacy does not have: 409 unknown-check, whoever sends it.
  receiveScreeningResult: (_world, candidacy) => {
    const { headers, payload } = signedWebhook({
      deliveryId: randomUUID(),
      orderId: 'ord_access',
      metadata: { candidateId: candidacy.candidateId, checkId: randomUUID() },
      itemId: 'criminal-record',
      itemReference: 'ord_access-item-1',
      status: 'in-progress',
      summary: null,
      reportReference: null,
      occurredAt: new Date().toISOString(),
    });
    return { headers, payload };
  },
  draftOffer: () => ({ payload: draftedTerms({ expiresAt: SEEDED_OFFER_EXPIRES_AT }) }),
  reviseOffer: () => ({ payload: draftedTerms({ expiresAt: SEEDED_OFFER_EXPIRES_AT }) }),
  approveOffer: () => ({ payload: { version: 1 } }),
  rejectOfferApproval: () => ({ payload: { version: 1, reason: 'Above the budget' } }),
  delegateOfferApproval: () => ({
    payload: {
      version: 1,
      stepId: 'hiring-manager',
      toApproverId: 'approver-deputy',
      reason: 'On leave',
    },
  }),
  extendOffer: () => ({ payload: { version: 1 } }),
  acceptOffer: () => ({ payload: { version: 1, signedName: 'Grace Hopper' } }),
  declineOffer: () => ({
    payload: { version: 1, category: 'another-offer', reason: 'I took another offer' },
  }),
  counterOffer: () => ({
    payload: {
      version: 1,
      proposals: [{ term: 'start-date', proposal: 'A month later' }],
      message: 'I need time to move',
    },
  }),
  rescindOffer: () => ({ payload: { reason: 'The role was closed' } }),
  recordOfferContingencyMet: () => ({ payload: { kind: 'right-to-work', note: 'Passport seen' } }),
  findTimes: (world) => ({
    payload: {
      from: world.morning,
      to: hoursAfter(world.morning, 48),
      panel: [OWN_INTERVIEWER],
      durationMinutes: 60,
    },
  }),
};

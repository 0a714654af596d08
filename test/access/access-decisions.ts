import { ROLES, type Role } from '@hirestream/platform';

/*
 * Who may do what: the access decision of every operation of every service,
 * for every role, on the caller's own resource and on another's. The access
 * matrix test (test/access-matrix.int-spec.ts) sends each request and holds
 * the services to this table; an operation a service documents without an
 * entry here fails that test, so no route ships without a decision.
 */

/**
 * - `allowed`: the route runs (a 2xx, or a domain answer such as 409).
 * - `forbidden`: 403.
 * - `hidden`: 404, as if the resource did not exist: the caller may not even learn that it does.
 */
export type AccessDecision = 'allowed' | 'forbidden' | 'hidden';

/** A decision that depends on whose the resource is. */
export type ScopedDecision = Readonly<{ own: AccessDecision; foreign: AccessDecision }>;

/**
 * What the operation's path names, and so what "own" means:
 * - `candidacy` (`/candidates/{id}/…`): a candidate's own candidacy is the one
 *   their token names; an interviewer's own interview is one they sit on the
 *   panel of; for other staff both are just candidacies.
 * - `interviewer` (`/interviewers/{id}/…`): the caller's own id, or another's.
 * - `none`: nobody's (a collection, a query); one decision per role.
 */
export type ResourceKind = 'candidacy' | 'interviewer' | 'none';

export type OperationAccess = Readonly<{
  resource: ResourceKind;
  /** Answered without a token (health); every other operation answers 401 without one. */
  public?: true;
  roles: Readonly<Record<Role, AccessDecision | ScopedDecision>>;
}>;

/** Service name (its folder under apps/) → operationId → decision. */
export type AccessDecisions = Readonly<Record<string, Readonly<Record<string, OperationAccess>>>>;

const OWN_ONLY: ScopedDecision = { own: 'allowed', foreign: 'forbidden' };
/** An interviewer reads the interviews they sit on; any other is as if it did not exist. */
const ON_PANEL_ONLY: ScopedDecision = { own: 'allowed', foreign: 'hidden' };

/** These roles are allowed, every other role (a role added later too) is forbidden. */
function only(...roles: Role[]): Record<Role, AccessDecision> {
  return Object.fromEntries(
    ROLES.map((role) => [role, roles.includes(role) ? 'allowed' : 'forbidden']),
  ) as Record<Role, AccessDecision>;
}

const HEALTH: OperationAccess = { resource: 'none', public: true, roles: only(...ROLES) };
/** Staff who read any candidacy's interviews and any interviewer's calendar. */
const STAFF_READERS: Role[] = ['recruiter', 'coordinator', 'hiring-manager', 'auditor', 'admin'];
/** Staff who book and change interviews. */
const SCHEDULERS: Role[] = ['recruiter', 'coordinator', 'admin'];
/** Staff who write rubrics and interview kits; staff readers read them. */
const GUIDE_AUTHORS: Role[] = ['recruiter', 'hiring-manager', 'admin'];

/** Staff who give a candidate take-home work; coordinators may also move its due time. */
const ASSIGNERS: Role[] = ['recruiter', 'hiring-manager', 'admin'];
/** Staff who review how consistently people interview; an interviewer reads their own. */
const CALIBRATION_READERS: Role[] = ['recruiter', 'hiring-manager', 'auditor', 'admin'];

/** Staff who run background checks; auditors read them too. */
const CHECK_OPERATORS: Role[] = ['recruiter', 'admin'];
const CHECK_READERS: Role[] = [...CHECK_OPERATORS, 'auditor'];
/** What only the candidate does with their own check: consent and dispute. */
const CANDIDATE_OWN_ONLY = { ...only(), candidate: OWN_ONLY };

/** Staff who read compensation: every offer of a candidacy. */
const COMPENSATION_READERS: Role[] = ['recruiter', 'hiring-manager', 'auditor', 'admin'];
/** Approvers act on, and read, offers whose chain names them; the world's chains name no token. */
const APPROVERS_OFF_CHAIN = { ...only(), approver: 'hidden', 'hiring-manager': 'hidden' } as const;
/** The world's offers are drafts: the candidate learns of an offer once it is extended to them. */
const CANDIDATE_BEFORE_EXTENSION: ScopedDecision = { own: 'hidden', foreign: 'forbidden' };

/**
 * Feedback is given by whoever sits on the interview's panel, each their own:
 * staff off the panel meet a 409 (not-on-panel), interviewers off it a 404.
 */
const FEEDBACK_AUTHORS = {
  ...only('recruiter', 'coordinator', 'hiring-manager', 'admin'),
  interviewer: ON_PANEL_ONLY,
};
/** Staff readers, and an interviewer for the interviews they sit on. */
const PANEL_AND_STAFF_READERS = { ...only(...STAFF_READERS), interviewer: ON_PANEL_ONLY };

/** What only auditors and admins read: a stream at a point, anchors, exports. */
const AUDITORS: OperationAccess = { resource: 'candidacy', roles: only('auditor', 'admin') };
/** The route every service with an event store serves: its deciders' state of a stream at a revision. */
const STATE_AT_POINT = { getStreamStateAtPoint: AUDITORS };

/** Recruiters, hiring managers, auditors and admins read the process measures. */
const MEASURE_READERS: OperationAccess = {
  resource: 'none',
  roles: only('recruiter', 'hiring-manager', 'auditor', 'admin'),
};

export const ACCESS_DECISIONS: AccessDecisions = {
  candidates: {
    live: HEALTH,
    ready: HEALTH,
    ...STATE_AT_POINT,
    registerCandidate: { resource: 'none', roles: only('recruiter', 'admin') },
    listCandidates: { resource: 'none', roles: only(...STAFF_READERS) },
    recordScreening: { resource: 'candidacy', roles: only('recruiter', 'admin') },
    moveCandidateStage: {
      resource: 'candidacy',
      roles: only('recruiter', 'hiring-manager', 'admin'),
    },
    rejectCandidate: { resource: 'candidacy', roles: only('recruiter', 'hiring-manager', 'admin') },
    withdrawCandidate: {
      resource: 'candidacy',
      roles: { ...only('recruiter', 'admin'), candidate: OWN_ONLY },
    },
    getCandidate: {
      resource: 'candidacy',
      roles: { ...only(...STAFF_READERS), candidate: OWN_ONLY },
    },
    getCandidateHistory: {
      resource: 'candidacy',
      roles: only('recruiter', 'hiring-manager', 'auditor', 'admin'),
    },
    requestErasure: { resource: 'candidacy', roles: only('recruiter', 'admin') },
    approveErasureRequest: { resource: 'candidacy', roles: only('admin') },
    refuseErasureRequest: { resource: 'candidacy', roles: only('admin') },
    erasePersonalData: { resource: 'candidacy', roles: only('admin') },
    recordRetentionConsent: { resource: 'candidacy', roles: only('recruiter', 'admin') },
    getPersonalData: { resource: 'candidacy', roles: only('recruiter', 'auditor', 'admin') },
    listPersonalDataErasures: { resource: 'none', roles: only('auditor', 'admin') },
    listRetentionDue: { resource: 'none', roles: only('auditor', 'admin') },
    openPersonalData: { resource: 'none', roles: only('admin') },
  },
  scheduling: {
    live: HEALTH,
    ready: HEALTH,
    ...STATE_AT_POINT,
    scheduleInterview: { resource: 'candidacy', roles: only(...SCHEDULERS) },
    listInterviews: {
      resource: 'candidacy',
      roles: { ...only(...STAFF_READERS), candidate: OWN_ONLY },
    },
    scheduleInterviewDay: { resource: 'candidacy', roles: only(...SCHEDULERS) },
    getInterviewDayAgenda: {
      resource: 'candidacy',
      roles: { ...only(...STAFF_READERS), candidate: OWN_ONLY },
    },
    rescheduleInterviewDay: { resource: 'candidacy', roles: only(...SCHEDULERS) },
    cancelInterviewDay: { resource: 'candidacy', roles: only(...SCHEDULERS) },
    confirmInterview: {
      resource: 'candidacy',
      roles: { ...only(...SCHEDULERS), candidate: OWN_ONLY },
    },
    rescheduleInterview: { resource: 'candidacy', roles: only(...SCHEDULERS) },
    cancelInterview: { resource: 'candidacy', roles: only(...SCHEDULERS) },
    recordNoShow: { resource: 'candidacy', roles: only(...SCHEDULERS) },
    completeInterview: { resource: 'candidacy', roles: only(...SCHEDULERS) },
    getInterview: {
      resource: 'candidacy',
      roles: { ...only(...STAFF_READERS), candidate: OWN_ONLY, interviewer: ON_PANEL_ONLY },
    },
    listInterviewerInterviews: {
      resource: 'interviewer',
      roles: { ...only(...STAFF_READERS), interviewer: OWN_ONLY },
    },
    getInterviewerCalendar: {
      resource: 'interviewer',
      roles: { ...only(...STAFF_READERS), interviewer: OWN_ONLY },
    },
    setInterviewerAvailability: { resource: 'interviewer', roles: only('coordinator', 'admin') },
    findTimes: { resource: 'none', roles: only(...SCHEDULERS) },
  },
  assessment: {
    live: HEALTH,
    ready: HEALTH,
    ...STATE_AT_POINT,
    publishRubric: { resource: 'none', roles: only(...GUIDE_AUTHORS) },
    reviseRubric: { resource: 'none', roles: only(...GUIDE_AUTHORS) },
    getRubric: { resource: 'none', roles: only(...STAFF_READERS) },
    getRubricVersion: { resource: 'none', roles: only(...STAFF_READERS) },
    publishInterviewKit: { resource: 'none', roles: only(...GUIDE_AUTHORS) },
    getInterviewKit: { resource: 'none', roles: only(...STAFF_READERS) },
    saveFeedbackDraft: { resource: 'candidacy', roles: FEEDBACK_AUTHORS },
    submitFeedback: { resource: 'candidacy', roles: FEEDBACK_AUTHORS },
    amendFeedback: { resource: 'candidacy', roles: FEEDBACK_AUTHORS },
    readOwnFeedback: { resource: 'candidacy', roles: FEEDBACK_AUTHORS },
    readInterviewFeedback: { resource: 'candidacy', roles: PANEL_AND_STAFF_READERS },
    readCandidateFeedback: { resource: 'candidacy', roles: PANEL_AND_STAFF_READERS },
    getPanelistInterviewKit: { resource: 'candidacy', roles: PANEL_AND_STAFF_READERS },
    getBlindFeedbackReport: {
      resource: 'candidacy',
      roles: only('recruiter', 'hiring-manager', 'auditor', 'admin'),
    },
    listCandidateFeedbackRequests: { resource: 'candidacy', roles: only(...STAFF_READERS) },
    listInterviewerFeedbackRequests: {
      resource: 'interviewer',
      roles: { ...only(...STAFF_READERS), interviewer: OWN_ONLY },
    },
    assignAssessment: { resource: 'candidacy', roles: only(...ASSIGNERS) },
    extendAssessment: { resource: 'candidacy', roles: only(...ASSIGNERS, 'coordinator') },
    submitAssessment: { resource: 'candidacy', roles: { ...only(), candidate: OWN_ONLY } },
    scoreAssessment: {
      resource: 'candidacy',
      roles: { ...only(), interviewer: ON_PANEL_ONLY, 'hiring-manager': ON_PANEL_ONLY },
    },
    listAssignments: {
      resource: 'candidacy',
      roles: { ...only(...STAFF_READERS), candidate: OWN_ONLY },
    },
    getAssignment: {
      resource: 'candidacy',
      roles: { ...only(...STAFF_READERS), candidate: OWN_ONLY, interviewer: ON_PANEL_ONLY },
    },
    recordPanelDecision: { resource: 'candidacy', roles: only('hiring-manager', 'admin') },
    listPanelDecisions: { resource: 'candidacy', roles: only(...STAFF_READERS) },
    getAssessmentOutcome: {
      resource: 'candidacy',
      roles: { ...only(...STAFF_READERS), candidate: OWN_ONLY },
    },
    getInterviewerCalibration: {
      resource: 'interviewer',
      roles: { ...only(...CALIBRATION_READERS), interviewer: OWN_ONLY },
    },
    listCalibration: { resource: 'none', roles: only(...CALIBRATION_READERS) },
  },
  'background-checks': {
    live: HEALTH,
    ready: HEALTH,
    ...STATE_AT_POINT,
    // Signed by the provider instead of a token: any caller (or none) with a valid signature
    // is answered alike (ACCESS_REQUESTS signs it); without one it is a 401 (screening-webhook.int-spec).
    receiveScreeningResult: { resource: 'none', public: true, roles: only(...ROLES) },
    getBackgroundCheck: { resource: 'candidacy', roles: only(...CHECK_READERS) },
    getBackgroundCheckForCandidate: {
      resource: 'candidacy',
      roles: { ...only(...CHECK_READERS), candidate: OWN_ONLY },
    },
    initiateBackgroundCheck: { resource: 'candidacy', roles: only(...CHECK_OPERATORS) },
    giveBackgroundCheckConsent: { resource: 'candidacy', roles: CANDIDATE_OWN_ONLY },
    declineBackgroundCheckConsent: { resource: 'candidacy', roles: CANDIDATE_OWN_ONLY },
    withdrawBackgroundCheckConsent: { resource: 'candidacy', roles: CANDIDATE_OWN_ONLY },
    recordReferenceCheck: { resource: 'candidacy', roles: only(...CHECK_OPERATORS) },
    cancelCheckItem: { resource: 'candidacy', roles: only(...CHECK_OPERATORS) },
    adjudicateCheckItem: { resource: 'candidacy', roles: only(...CHECK_OPERATORS) },
    sendPreAdverseActionNotice: { resource: 'candidacy', roles: only(...CHECK_OPERATORS) },
    disputeAdverseAction: { resource: 'candidacy', roles: CANDIDATE_OWN_ONLY },
    resolveAdverseActionDispute: { resource: 'candidacy', roles: only(...CHECK_OPERATORS) },
    takeFinalAdverseAction: { resource: 'candidacy', roles: only(...CHECK_OPERATORS) },
    cancelBackgroundCheck: { resource: 'candidacy', roles: only(...CHECK_OPERATORS) },
  },
  offers: {
    live: HEALTH,
    ready: HEALTH,
    ...STATE_AT_POINT,
    draftOffer: { resource: 'candidacy', roles: only('recruiter', 'admin') },
    reviseOffer: { resource: 'candidacy', roles: only('recruiter', 'admin') },
    approveOffer: { resource: 'candidacy', roles: APPROVERS_OFF_CHAIN },
    rejectOfferApproval: { resource: 'candidacy', roles: APPROVERS_OFF_CHAIN },
    delegateOfferApproval: {
      resource: 'candidacy',
      roles: { ...APPROVERS_OFF_CHAIN, admin: 'allowed' },
    },
    extendOffer: { resource: 'candidacy', roles: only('recruiter', 'admin') },
    acceptOffer: { resource: 'candidacy', roles: { ...only(), candidate: OWN_ONLY } },
    declineOffer: { resource: 'candidacy', roles: { ...only(), candidate: OWN_ONLY } },
    counterOffer: { resource: 'candidacy', roles: { ...only(), candidate: OWN_ONLY } },
    rescindOffer: { resource: 'candidacy', roles: only('recruiter', 'admin') },
    recordOfferContingencyMet: { resource: 'candidacy', roles: only('recruiter', 'admin') },
    listOffers: {
      resource: 'candidacy',
      roles: { ...only(...COMPENSATION_READERS, 'approver'), candidate: OWN_ONLY },
    },
    getOffer: {
      resource: 'candidacy',
      roles: {
        ...only(...COMPENSATION_READERS),
        approver: 'hidden',
        candidate: CANDIDATE_BEFORE_EXTENSION,
      },
    },
    // A draft has no letter yet: 404 to everyone who may read one.
    getOfferLetter: {
      resource: 'candidacy',
      roles: {
        ...only(),
        ...Object.fromEntries(COMPENSATION_READERS.map((role) => [role, 'hidden' as const])),
        approver: 'hidden',
        candidate: CANDIDATE_BEFORE_EXTENSION,
      },
    },
  },
  notifications: {
    live: HEALTH,
    ready: HEALTH,
    ...STATE_AT_POINT,
    // What a candidate was sent: staff who run the process and auditors; the candidate their own.
    listCandidateNotifications: {
      resource: 'candidacy',
      roles: { ...only('recruiter', 'admin', 'auditor'), candidate: OWN_ONLY },
    },
  },
  analytics: {
    live: HEALTH,
    ready: HEALTH,
    // The process measures count ids, stages and times, no one's data: staff who review the process.
    getFunnel: MEASURE_READERS,
    getStageTimes: MEASURE_READERS,
    getTimeToHire: MEASURE_READERS,
    getInterviewMeasures: MEASURE_READERS,
    getFeedbackMeasures: MEASURE_READERS,
    getOfferMeasures: MEASURE_READERS,
    getAdverseActionMeasures: MEASURE_READERS,
    getTrend: MEASURE_READERS,
    // Calibration names interviewers beside counts of their scorecards, as the assessment
    // service's own calibration does for the same roles; never a scorecard's words.
    getInterviewerCalibration: MEASURE_READERS,
    // Self-identification is the candidate's alone: every staff role, admins and auditors
    // included, is refused; only suppressed aggregates leave (apps/analytics/README.md).
    getSelfIdentification: { resource: 'candidacy', roles: CANDIDATE_OWN_ONLY },
    recordSelfIdentification: { resource: 'candidacy', roles: CANDIDATE_OWN_ONLY },
    withdrawSelfIdentification: { resource: 'candidacy', roles: CANDIDATE_OWN_ONLY },
    getAdverseImpact: { resource: 'none', roles: only('auditor', 'admin') },
  },
  audit: {
    live: HEALTH,
    ready: HEALTH,
    getCandidateStateAtPoint: AUDITORS,
    getCandidateDiff: AUDITORS,
    getCandidateTimeline: AUDITORS,
    exportCandidate: AUDITORS,
    getStreamAnchor: AUDITORS,
    verifyStreamChain: AUDITORS,
    getAnchorPublicKey: { resource: 'none', roles: only('auditor', 'admin') },
    listAnchoredHeads: { resource: 'none', roles: only('auditor', 'admin') },
  },
};

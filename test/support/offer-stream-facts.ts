import type {
  BackgroundChecksEvent,
  DraftedTerms,
  OfferDrafted,
  OffersEvent,
  OfferTerms,
} from '@hirestream/contracts';

/*
 * The offers and background-check facts of one candidate's stream as their
 * writers record them, as plain values: the givens of the offers decider's
 * specs and of the candidates service's hire. Pure (no I/O), imported as
 * `@hirestream/testing/offer-stream-facts`. Builders take what rules turn on
 * as arguments and anything else as a `change` over valid defaults: an
 * in-band EUR 80,000 a year for job-1 (level L4), approved by the hiring
 * manager then the department head, expiring 2030-03-20, contingent on the
 * background check.
 */

export const OFFER_NOW = '2030-03-05T09:00:00Z';
export const OFFER_EXPIRES_AT = '2030-03-20T17:00:00Z';

/** The terms as a recruiter sends them (contingencies by kind). */
export function draftedTerms(change: Partial<DraftedTerms> = {}): DraftedTerms {
  return {
    jobTitle: 'Senior Backend Engineer',
    baseSalary: { amountMinor: 8_000_000, currency: 'EUR' },
    payPeriod: 'year',
    targetBonusBasisPoints: 1_000,
    equity: {
      units: 1_200,
      type: 'rsu',
      vesting: { years: 4, cliffMonths: 12, frequency: 'monthly' },
    },
    signOnBonus: null,
    benefits: ['30 days of paid leave', 'Pension contributions of 5%'],
    startDate: '2030-05-01',
    expiresAt: OFFER_EXPIRES_AT,
    workLocation: { arrangement: 'hybrid', place: 'Berlin, Germany' },
    contingencies: ['background-check'],
    ...change,
  };
}

/** The terms as recorded: each contingency stamped with how it is met. */
export function recordedTerms(change: Partial<DraftedTerms> = {}): OfferTerms {
  const terms = draftedTerms(change);
  return {
    ...terms,
    contingencies: terms.contingencies.map((kind) => ({
      kind,
      settledBy: kind === 'background-check' ? 'background-check' : 'recorded',
      policyVersion: 1,
    })),
  };
}

export const HIRING_MANAGER_STEP = {
  stepId: 'hiring-manager',
  approverId: 'approver-hiring-manager',
} as const;
export const DEPARTMENT_HEAD_STEP = {
  stepId: 'department-head',
  approverId: 'approver-department-head',
} as const;
export const FINANCE_STEP = { stepId: 'finance', approverId: 'approver-finance' } as const;

/** The facts of one offer of the candidate, each builder a new event. */
export function offerStreamFacts(candidateId: string, offerId: string) {
  const key = { candidateId, offerId };
  return {
    drafted: (
      version = 1,
      change: Partial<OfferDrafted['data']> = {},
      terms: Partial<DraftedTerms> = {},
    ): OffersEvent => ({
      type: 'OfferDrafted',
      data: {
        ...key,
        version,
        terms: recordedTerms(terms),
        jobId: 'job-1',
        jobLevel: 'L4',
        supersedes: version === 1 ? null : version - 1,
        approvalChain: [HIRING_MANAGER_STEP, DEPARTMENT_HEAD_STEP],
        carriedApprovals: [],
        withinBand: true,
        policies: {
          approvalRules: { id: 'individual-contributor', version: 1 },
          compensationBand: { id: 'software-engineer-l4', version: 1 },
        },
        ...change,
      },
    }),
    approved: (
      step: Readonly<{ stepId: string; approverId: string }>,
      version = 1,
    ): OffersEvent => ({
      type: 'OfferApproved',
      data: { ...key, version, ...step, note: null },
    }),
    /** Both steps of the default chain approved. */
    fullyApproved: (version = 1): OffersEvent[] => [
      { type: 'OfferApproved', data: { ...key, version, ...HIRING_MANAGER_STEP, note: null } },
      { type: 'OfferApproved', data: { ...key, version, ...DEPARTMENT_HEAD_STEP, note: null } },
    ],
    extended: (version = 1, expiresAt = OFFER_EXPIRES_AT): OffersEvent => ({
      type: 'OfferExtended',
      data: {
        ...key,
        version,
        expiresAt,
        letter: {
          reference: `offer-letters/${offerId}-${version}`,
          templateId: 'standard-offer',
          templateVersion: 1,
          htmlSha256: 'a'.repeat(64),
          pdfSha256: 'b'.repeat(64),
        },
      },
    }),
    accepted: (version = 1, signedName = 'Ada Lovelace'): OffersEvent => ({
      type: 'OfferAccepted',
      data: { ...key, version, signedName },
    }),
    countered: (version = 1): OffersEvent => ({
      type: 'OfferCountered',
      data: {
        ...key,
        version,
        proposals: [{ term: 'start-date', proposal: '2030-06-01' }],
        message: 'I need another month to relocate.',
      },
    }),
    rescinded: (version = 1, reason = 'The role was closed'): OffersEvent => ({
      type: 'OfferRescinded',
      data: { ...key, version, reason },
    }),
    contingencyMet: (kind: string): OffersEvent => ({
      type: 'OfferContingencyMet',
      data: { ...key, kind, note: 'Passport seen' },
    }),
  };
}

/** A background check of the candidacy with one reference item, in its phases. */
export function checkStreamFacts(candidateId: string, checkId: string) {
  const key = { candidateId, checkId };
  const disclosure = { documentId: 'us-disclosure', version: 1, sha256: 'c'.repeat(64) };
  const initiated: BackgroundChecksEvent = {
    type: 'BackgroundCheckInitiated',
    data: {
      ...key,
      package: { id: 'standard', version: 1 },
      jurisdiction: { id: 'us-ca', version: 1 },
      items: [{ itemId: 'reference-check-1', kind: 'reference-check', subject: null }],
      disclosure,
    },
  };
  const referenced = (result: 'clear' | 'consider'): BackgroundChecksEvent => ({
    type: 'ReferenceCheckRecorded',
    data: {
      ...key,
      itemId: 'reference-check-1',
      referenceName: 'Grace Hopper',
      relationship: 'Former manager',
      answers: [{ question: 'Would you hire them again?', answer: 'Yes' }],
      result,
      recordedBy: 'recruiter-1',
    },
  });
  return {
    /** Initiated: pending. */
    started: (): BackgroundChecksEvent[] => [initiated],
    /** Complete and clear. */
    clear: (): BackgroundChecksEvent[] => [
      initiated,
      referenced('clear'),
      { type: 'BackgroundCheckCompleted', data: { ...key, outcome: 'clear' } },
    ],
    /** A consider result adjudicated to adverse action, the notice sent: the window is open. */
    noticeSent: (): BackgroundChecksEvent[] => [
      initiated,
      referenced('consider'),
      { type: 'BackgroundCheckCompleted', data: { ...key, outcome: 'consider' } },
      {
        type: 'ConsiderItemAdjudicated',
        data: {
          ...key,
          itemId: 'reference-check-1',
          decision: 'adverse-action',
          reason: 'Falsified employment dates',
          adjudicatedBy: 'recruiter-1',
        },
      },
      {
        type: 'PreAdverseActionNoticeSent',
        data: {
          ...key,
          itemIds: ['reference-check-1'],
          reportCopyReference: 'report-1',
          summaryOfRights: { ...disclosure, documentId: 'us-rights' },
          waitingBusinessDays: 5,
          timeZone: 'America/Los_Angeles',
          automaticFinalAction: false,
          windowEndsAt: '2030-03-12T07:00:00Z',
          sentBy: 'recruiter-1',
        },
      },
    ],
    finalAdverseAction: (): BackgroundChecksEvent => ({
      type: 'FinalAdverseActionTaken',
      data: {
        ...key,
        reason: 'Falsified employment dates',
        automatic: false,
        takenBy: 'recruiter-1',
      },
    }),
  };
}

import { AggregateNotFoundError, CommandRejectedError } from '@hirestream/contracts';
import { deciderSpecification, refusedWith } from '@hirestream/event-sourcing';
import { candidateStreamFacts } from '@hirestream/testing/candidate-stream-facts';
import {
  checkStreamFacts,
  DEPARTMENT_HEAD_STEP,
  draftedTerms,
  FINANCE_STEP,
  HIRING_MANAGER_STEP,
  OFFER_EXPIRES_AT,
  OFFER_NOW,
  offerStreamFacts,
} from '@hirestream/testing/offer-stream-facts';
import { loadOfferPolicies } from '../policies/offer-policy-files';
import type { OfferCommand } from './offer.commands';
import { offerDecider, type OfferStreamEvent } from './offer.decider';

const spec = deciderSpecification(offerDecider);
const policies = loadOfferPolicies();
const candidateId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const offerId = '1f8fad5b-d9cb-469f-a165-70867728950e';
const otherOfferId = '2f8fad5b-d9cb-469f-a165-70867728950e';
const candidate = candidateStreamFacts(candidateId);
const offer = offerStreamFacts(candidateId, offerId);
const check = checkStreamFacts(candidateId, '3f8fad5b-d9cb-469f-a165-70867728950e');
const key = { candidateId, offerId };

const inInterviewing = candidate.interviewing();
const inOffer: OfferStreamEvent[] = [...inInterviewing, candidate.moved('interviewing', 'offer')];
const approvedOffer: OfferStreamEvent[] = [...inOffer, offer.drafted(), ...offer.fullyApproved()];
const extendedOffer: OfferStreamEvent[] = [...approvedOffer, offer.extended()];

const draft = (terms = draftedTerms(), id = offerId): OfferCommand => ({
  type: 'DraftOffer',
  data: { candidateId, offerId: id, terms, policies, now: OFFER_NOW },
});
const revise = (terms = draftedTerms()): OfferCommand => ({
  type: 'ReviseOffer',
  data: { ...key, terms, policies, now: OFFER_NOW },
});
const approve = (approverId: string, version = 1): OfferCommand => ({
  type: 'ApproveOffer',
  data: { ...key, version, approverId, note: null },
});
const rejectApproval = (approverId: string): OfferCommand => ({
  type: 'RejectOfferApproval',
  data: { ...key, version: 1, approverId, reason: 'Above what the team can pay' },
});
const delegate = (stepId: string, delegatedBy: string, byAdmin = false): OfferCommand => ({
  type: 'DelegateOfferApproval',
  data: {
    ...key,
    version: 1,
    stepId,
    delegatedBy,
    byAdmin,
    toApproverId: 'approver-deputy',
    reason: 'On leave until April',
  },
});
const letter = {
  reference: `offer-letters/${offerId}-1`,
  templateId: 'standard-offer',
  templateVersion: 1,
  htmlSha256: 'a'.repeat(64),
  pdfSha256: 'b'.repeat(64),
};
const extend = (version = 1, now = OFFER_NOW): OfferCommand => ({
  type: 'ExtendOffer',
  data: { ...key, version, letter, now },
});
const accept = (now = OFFER_NOW, signedName = 'ada  lovelace', version = 1): OfferCommand => ({
  type: 'AcceptOffer',
  data: { ...key, version, signedName, now },
});
const expire = (now = OFFER_EXPIRES_AT, version = 1): OfferCommand => ({
  type: 'ExpireOffer',
  data: { ...key, version, now },
});
const rescind: OfferCommand = {
  type: 'RescindOffer',
  data: { ...key, reason: 'The role was closed' },
};

describe('offer decider', () => {
  describe('drafting', () => {
    it('drafts version 1 with the chain of the rules for the job level, policy versions stamped', () => {
      spec.given(inInterviewing).when(draft()).then([offer.drafted()]);
    });

    it('adds finance when the compensation is above the band', () => {
      const above = draftedTerms({ baseSalary: { amountMinor: 9_500_000, currency: 'EUR' } });
      spec
        .given(inInterviewing)
        .when(draft(above))
        .then([
          offer.drafted(
            1,
            {
              approvalChain: [HIRING_MANAGER_STEP, DEPARTMENT_HEAD_STEP, FINANCE_STEP],
              withinBand: false,
            },
            { baseSalary: { amountMinor: 9_500_000, currency: 'EUR' } },
          ),
        ]);
    });

    it('keeps at most one open offer per candidacy, and none beside an accepted one', () => {
      spec
        .given([...inInterviewing, offer.drafted()])
        .when(draft(draftedTerms(), otherOfferId))
        .thenThrows(CommandRejectedError, refusedWith('open-offer-exists', offerId));
      spec
        .given([...extendedOffer, offer.accepted()])
        .when(draft(draftedTerms(), otherOfferId))
        .thenThrows(CommandRejectedError, refusedWith('offer-accepted'));
      spec
        .given([...inInterviewing, offer.drafted(), offer.rescinded()])
        .when(draft(draftedTerms(), otherOfferId))
        .then([offerStreamFacts(candidateId, otherOfferId).drafted()]);
    });

    it('refuses a closed candidacy, an unknown candidate, an expiry in the past, an unknown contingency', () => {
      spec
        .given([...inInterviewing, candidate.withdrew()])
        .when(draft())
        .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
      spec.given([]).when(draft()).thenThrows(AggregateNotFoundError);
      spec
        .given(inInterviewing)
        .when(draft(draftedTerms({ expiresAt: '2030-03-05T08:59:59Z' })))
        .thenThrows(CommandRejectedError, refusedWith('in-the-past'));
      spec
        .given(inInterviewing)
        .when(draft(draftedTerms({ contingencies: ['drug-test'] })))
        .thenThrows(CommandRejectedError, refusedWith('unknown-contingency', 'drug-test'));
      spec
        .given([candidate.registered({ jobId: 'job-without-band' })])
        .when(draft())
        .thenThrows(CommandRejectedError, refusedWith('no-compensation-band', 'job-without-band'));
    });
  });

  describe('approval', () => {
    it('goes in order: only the current approver acts', () => {
      spec
        .given([...inOffer, offer.drafted()])
        .when(approve(HIRING_MANAGER_STEP.approverId))
        .then([offer.approved(HIRING_MANAGER_STEP)]);
      spec
        .given([...inOffer, offer.drafted()])
        .when(approve(DEPARTMENT_HEAD_STEP.approverId))
        .thenThrows(CommandRejectedError, refusedWith('not-current-approver', 'hiring-manager'));
      spec
        .given([...inOffer, offer.drafted()])
        .when(approve('approver-outsider'))
        .thenThrows(AggregateNotFoundError);
      spec
        .given([...inOffer, offer.drafted(), offer.approved(HIRING_MANAGER_STEP)])
        .when(approve(DEPARTMENT_HEAD_STEP.approverId))
        .then([offer.approved(DEPARTMENT_HEAD_STEP)]);
      spec
        .given(approvedOffer)
        .when(approve(DEPARTMENT_HEAD_STEP.approverId))
        .thenThrows(CommandRejectedError, refusedWith('not-awaiting-approval', 'approved'));
    });

    it('refuses an approval of a superseded version', () => {
      spec
        .given([...inOffer, offer.drafted(), offer.drafted(2)])
        .when(approve(HIRING_MANAGER_STEP.approverId, 1))
        .thenThrows(CommandRejectedError, refusedWith('version-superseded'));
    });

    it('rejects with a reason, after which nobody approves that version', () => {
      spec
        .given([...inOffer, offer.drafted()])
        .when(rejectApproval(HIRING_MANAGER_STEP.approverId))
        .then([
          {
            type: 'OfferApprovalRejected',
            data: {
              ...key,
              version: 1,
              ...HIRING_MANAGER_STEP,
              reason: 'Above what the team can pay',
            },
          },
        ]);
      spec
        .given([...inOffer, offer.drafted()])
        .when(rejectApproval(DEPARTMENT_HEAD_STEP.approverId))
        .thenThrows(CommandRejectedError, refusedWith('not-current-approver'));
    });

    it('hands a step not yet approved to a delegate, by its approver or an admin, with a reason', () => {
      const delegated: OfferStreamEvent = {
        type: 'OfferApproverDelegated',
        data: {
          ...key,
          version: 1,
          stepId: 'department-head',
          fromApproverId: DEPARTMENT_HEAD_STEP.approverId,
          toApproverId: 'approver-deputy',
          reason: 'On leave until April',
        },
      };
      spec
        .given([...inOffer, offer.drafted()])
        .when(delegate('department-head', DEPARTMENT_HEAD_STEP.approverId))
        .then([delegated]);
      spec
        .given([...inOffer, offer.drafted()])
        .when(delegate('department-head', 'admin-1', true))
        .then([delegated]);
      spec
        .given([...inOffer, offer.drafted()])
        .when(delegate('department-head', HIRING_MANAGER_STEP.approverId))
        .thenThrows(CommandRejectedError, refusedWith('not-step-approver'));
      spec
        .given([...inOffer, offer.drafted(), offer.approved(HIRING_MANAGER_STEP)])
        .when(delegate('hiring-manager', HIRING_MANAGER_STEP.approverId))
        .thenThrows(CommandRejectedError, refusedWith('step-already-approved'));
      // The delegate is now the one whose turn it is; who delegated is out of the chain.
      spec
        .given([...inOffer, offer.drafted(), offer.approved(HIRING_MANAGER_STEP), delegated])
        .when(approve('approver-deputy'))
        .then([offer.approved({ stepId: 'department-head', approverId: 'approver-deputy' })]);
      spec
        .given([...inOffer, offer.drafted(), offer.approved(HIRING_MANAGER_STEP), delegated])
        .when(approve(DEPARTMENT_HEAD_STEP.approverId))
        .thenThrows(AggregateNotFoundError);
    });
  });

  describe('new versions', () => {
    it('restarts approval when compensation changes after an approval', () => {
      const raise = { baseSalary: { amountMinor: 8_500_000, currency: 'EUR' as const } };
      spec
        .given([...inOffer, offer.drafted(), offer.approved(HIRING_MANAGER_STEP)])
        .when(revise(draftedTerms(raise)))
        .then([offer.drafted(2, {}, raise)]);
    });

    it('carries the approvals when only other terms change (start date, expiry, location, benefits)', () => {
      const later = { startDate: '2030-06-01', benefits: ['Gym membership'] };
      spec
        .given(approvedOffer)
        .when(revise(draftedTerms(later)))
        .then([
          offer.drafted(
            2,
            { carriedApprovals: [HIRING_MANAGER_STEP, DEPARTMENT_HEAD_STEP] },
            later,
          ),
        ]);
    });

    it('restarts approval after a rejection even with the same compensation', () => {
      spec
        .given([
          ...inOffer,
          offer.drafted(),
          offer.approved(HIRING_MANAGER_STEP),
          {
            type: 'OfferApprovalRejected',
            data: { ...key, version: 1, ...DEPARTMENT_HEAD_STEP, reason: 'No budget' },
          },
        ])
        .when(revise())
        .then([offer.drafted(2)]);
    });

    it('follows a counter with a new version; refuses one while the candidate holds the offer', () => {
      spec
        .given([...extendedOffer, offer.countered()])
        .when(revise(draftedTerms({ startDate: '2030-06-01' })))
        .then([
          offer.drafted(
            2,
            { carriedApprovals: [HIRING_MANAGER_STEP, DEPARTMENT_HEAD_STEP] },
            { startDate: '2030-06-01' },
          ),
        ]);
      spec
        .given(extendedOffer)
        .when(revise())
        .thenThrows(CommandRejectedError, refusedWith('offer-with-candidate'));
      spec
        .given([...extendedOffer, offer.rescinded()])
        .when(revise())
        .thenThrows(CommandRejectedError, refusedWith('offer-closed'));
    });
  });

  describe('extending', () => {
    it('extends a fully approved version in the offer stage, with the letter and its hashes', () => {
      spec.given(approvedOffer).when(extend()).then([offer.extended()]);
      spec
        .given([...approvedOffer, ...check.clear()])
        .when(extend())
        .then([offer.extended()]);
      // A contingent offer goes out while its check is under way.
      spec
        .given([...approvedOffer, ...check.started()])
        .when(extend())
        .then([offer.extended()]);
    });

    it('refuses a version not fully approved, a candidate not in the offer stage', () => {
      spec
        .given([...inOffer, offer.drafted(), offer.approved(HIRING_MANAGER_STEP)])
        .when(extend())
        .thenThrows(CommandRejectedError, refusedWith('offer-not-approved'));
      spec
        .given([...inInterviewing, offer.drafted(), ...offer.fullyApproved()])
        .when(extend())
        .thenThrows(
          CommandRejectedError,
          refusedWith('candidate-not-in-offer-stage', 'interviewing'),
        );
    });

    it('refuses while a check is failing, or unresolved when the offer is not contingent on it', () => {
      spec
        .given([...approvedOffer, ...check.noticeSent()])
        .when(extend())
        .thenThrows(CommandRejectedError, refusedWith('check-failing'));
      spec
        .given([...approvedOffer, ...check.noticeSent(), check.finalAdverseAction()])
        .when(extend())
        .thenThrows(CommandRejectedError, refusedWith('check-failing'));
      spec
        .given([
          ...inOffer,
          offer.drafted(1, {}, { contingencies: [] }),
          ...offer.fullyApproved(),
          ...check.started(),
        ])
        .when(extend())
        .thenThrows(CommandRejectedError, refusedWith('check-unresolved'));
    });

    it('refuses an offer whose expiry has passed', () => {
      spec
        .given(approvedOffer)
        .when(extend(1, OFFER_EXPIRES_AT))
        .thenThrows(CommandRejectedError, refusedWith('in-the-past'));
    });
  });

  describe("the candidate's answer", () => {
    it('accepts the extended version with their typed full name', () => {
      spec
        .given(extendedOffer)
        .when(accept())
        .then([offer.accepted(1, 'ada  lovelace')]);
      spec
        .given(extendedOffer)
        .when(accept(OFFER_NOW, 'Ada Byron'))
        .thenThrows(CommandRejectedError, refusedWith('signature-mismatch'));
      spec
        .given(extendedOffer)
        .when(accept(OFFER_NOW, 'Ada Lovelace', 2))
        .thenThrows(CommandRejectedError, refusedWith('version-not-extended'));
      spec
        .given(approvedOffer)
        .when(accept())
        .thenThrows(CommandRejectedError, refusedWith('offer-not-extended'));
    });

    it('declines with a category and text, or counters with proposals and a message', () => {
      spec
        .given(extendedOffer)
        .when({
          type: 'DeclineOffer',
          data: {
            ...key,
            version: 1,
            category: 'another-offer',
            reason: 'I took another offer.',
            now: OFFER_NOW,
          },
        })
        .then([
          {
            type: 'OfferDeclined',
            data: {
              ...key,
              version: 1,
              category: 'another-offer',
              reason: 'I took another offer.',
            },
          },
        ]);
      spec
        .given(extendedOffer)
        .when({
          type: 'CounterOffer',
          data: {
            ...key,
            version: 1,
            proposals: [{ term: 'start-date', proposal: '2030-06-01' }],
            message: 'I need another month to relocate.',
            now: OFFER_NOW,
          },
        })
        .then([offer.countered()]);
    });
  });

  describe('expiry', () => {
    it('expires the extended version once, at its expiry instant', () => {
      spec
        .given(extendedOffer)
        .when(expire())
        .then([
          {
            type: 'OfferExpired',
            data: { ...key, version: 1, expiresAt: OFFER_EXPIRES_AT },
          },
        ]);
      const expired: OfferStreamEvent = {
        type: 'OfferExpired',
        data: { ...key, version: 1, expiresAt: OFFER_EXPIRES_AT },
      };
      // A second firing, or a firing before the instant, decides nothing.
      spec
        .given([...extendedOffer, expired])
        .when(expire())
        .then([]);
      spec.given(extendedOffer).when(expire('2030-03-20T16:59:59Z')).then([]);
    });

    it('races acceptance: exactly one wins, whichever is decided first', () => {
      const expired: OfferStreamEvent = {
        type: 'OfferExpired',
        data: { ...key, version: 1, expiresAt: OFFER_EXPIRES_AT },
      };
      spec
        .given([...extendedOffer, offer.accepted()])
        .when(expire())
        .then([]);
      spec
        .given([...extendedOffer, expired])
        .when(accept('2030-03-20T16:59:59Z'))
        .thenThrows(CommandRejectedError, refusedWith('offer-expired'));
      // After the instant, an acceptance is refused even before the timer fires.
      spec
        .given(extendedOffer)
        .when(accept(OFFER_EXPIRES_AT))
        .thenThrows(CommandRejectedError, refusedWith('offer-expired'));
    });

    it('does nothing for a version superseded or an offer ended another way', () => {
      spec
        .given([...extendedOffer, offer.rescinded()])
        .when(expire())
        .then([]);
      spec.given(extendedOffer).when(expire(OFFER_EXPIRES_AT, 2)).then([]);
      spec.given(inOffer).when(expire()).then([]);
    });
  });

  describe('rescinding and withdrawal', () => {
    it('rescinds an open or accepted offer with a reason, never a closed or hired one', () => {
      spec.given(extendedOffer).when(rescind).then([offer.rescinded()]);
      spec
        .given([...extendedOffer, offer.accepted(), candidate.rejected({ category: 'other' })])
        .when(rescind)
        .then([offer.rescinded()]);
      spec
        .given([...extendedOffer, offer.rescinded()])
        .when(rescind)
        .thenThrows(CommandRejectedError, refusedWith('offer-closed'));
      spec
        .given([...extendedOffer, candidate.withdrew()])
        .when(rescind)
        .thenThrows(CommandRejectedError, refusedWith('candidacy-closed'));
    });

    it('withdraws the open offer when the candidacy closes; nothing when none is open', () => {
      const withdraw: OfferCommand = {
        type: 'WithdrawOpenOffer',
        data: { candidateId, cause: 'candidate-rejected' },
      };
      spec
        .given([...extendedOffer, candidate.rejected()])
        .when(withdraw)
        .then([
          {
            type: 'OfferWithdrawn',
            data: { ...key, version: 1, cause: 'candidate-rejected' },
          },
        ]);
      spec
        .given([...extendedOffer, offer.accepted(), candidate.rejected()])
        .when(withdraw)
        .then([]);
      spec.given(inInterviewing).when(withdraw).then([]);
    });
  });

  describe('contingencies a person records', () => {
    const withRightToWork: OfferStreamEvent[] = [
      ...inOffer,
      offer.drafted(1, {}, { contingencies: ['background-check', 'right-to-work'] }),
    ];
    const met: OfferCommand = {
      type: 'RecordContingencyMet',
      data: { ...key, kind: 'right-to-work', note: 'Passport seen' },
    };

    it('records one as met once; never a check-settled one', () => {
      spec
        .given(withRightToWork)
        .when(met)
        .then([offer.contingencyMet('right-to-work')]);
      spec
        .given([...withRightToWork, offer.contingencyMet('right-to-work')])
        .when(met)
        .thenThrows(CommandRejectedError, refusedWith('contingency-already-met'));
      spec
        .given(withRightToWork)
        .when({ ...met, data: { ...met.data, kind: 'background-check' } })
        .thenThrows(CommandRejectedError, refusedWith('not-a-recorded-contingency'));
    });
  });
});

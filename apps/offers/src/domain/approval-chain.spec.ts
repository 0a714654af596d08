import type { Compensation } from '@hirestream/contracts';
import { loadOfferPolicies } from '../policies/offer-policy-files';
import { chooseApproval, stampContingencies } from './approval-chain';

const policies = loadOfferPolicies();
const inBand: Compensation = {
  baseSalary: { amountMinor: 8_000_000, currency: 'EUR' },
  payPeriod: 'year',
  targetBonusBasisPoints: 1_000,
  equity: null,
  signOnBonus: null,
};
const steps = (compensation: Compensation, jobId = 'job-1') =>
  chooseApproval(policies, jobId, compensation).approvalChain.map((step) => step.stepId);

describe('approval chain', () => {
  it("is the rule of the job's level, in order, within the band", () => {
    expect(chooseApproval(policies, 'job-1', inBand)).toEqual({
      jobLevel: 'L4',
      approvalChain: [
        { stepId: 'hiring-manager', approverId: 'approver-hiring-manager' },
        { stepId: 'department-head', approverId: 'approver-department-head' },
      ],
      withinBand: true,
      policies: {
        approvalRules: { id: 'individual-contributor', version: 1 },
        compensationBand: { id: 'software-engineer-l4', version: 1 },
      },
    });
    expect(steps(inBand, 'job-9')).toEqual(['hiring-manager', 'department-head', 'vp']);
  });

  it('adds finance when any compensation term is above the band, or cannot be compared with it', () => {
    const withFinance = ['hiring-manager', 'department-head', 'finance'];
    expect(steps({ ...inBand, baseSalary: { amountMinor: 9_000_001, currency: 'EUR' } })).toEqual(
      withFinance,
    );
    expect(steps({ ...inBand, targetBonusBasisPoints: 1_501 })).toEqual(withFinance);
    expect(steps({ ...inBand, signOnBonus: { amountMinor: 1_000_001, currency: 'EUR' } })).toEqual(
      withFinance,
    );
    expect(
      steps({
        ...inBand,
        equity: {
          units: 2_001,
          type: 'rsu',
          vesting: { years: 4, cliffMonths: 12, frequency: 'monthly' },
        },
      }),
    ).toEqual(withFinance);
    expect(steps({ ...inBand, baseSalary: { amountMinor: 8_000_000, currency: 'USD' } })).toEqual(
      withFinance,
    );
    expect(steps({ ...inBand, payPeriod: 'month' })).toEqual(withFinance);
    expect(steps({ ...inBand, baseSalary: { amountMinor: 9_000_000, currency: 'EUR' } })).toEqual([
      'hiring-manager',
      'department-head',
    ]);
  });

  it('refuses a job no band names and a contingency kind the policy does not know', () => {
    expect(() => chooseApproval(policies, 'job-unknown', inBand)).toThrow(
      expect.objectContaining({ rule: 'no-compensation-band' }),
    );
    expect(stampContingencies(policies, ['background-check', 'right-to-work'])).toEqual([
      { kind: 'background-check', settledBy: 'background-check', policyVersion: 1 },
      { kind: 'right-to-work', settledBy: 'recorded', policyVersion: 1 },
    ]);
    expect(() => stampContingencies(policies, ['drug-test'])).toThrow(
      expect.objectContaining({ rule: 'unknown-contingency' }),
    );
  });
});

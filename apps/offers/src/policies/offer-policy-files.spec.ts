import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICIES_DIR, loadOfferPolicies } from './offer-policy-files';

/** A copy of the shipped policies with one file's entries changed. */
function policiesWith(
  file: string,
  change: (entries: Record<string, unknown>[]) => unknown,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'offer-policies-'));
  for (const name of ['approval-rules.json', 'compensation-bands.json', 'contingency-kinds.json']) {
    const entries = JSON.parse(readFileSync(join(DEFAULT_POLICIES_DIR, name), 'utf8'));
    writeFileSync(join(dir, name), JSON.stringify(name === file ? change(entries) : entries));
  }
  return dir;
}

describe('offer policy files', () => {
  it('loads the shipped policies', () => {
    const policies = loadOfferPolicies();
    expect(policies.approvalRules.map((rule) => rule.id)).toContain('individual-contributor');
    expect(policies.compensationBands.some((band) => band.jobIds.includes('job-1'))).toBe(true);
    expect(policies.contingencyKinds.map((kind) => kind.id)).toEqual([
      'background-check',
      'references',
      'right-to-work',
    ]);
  });

  it('refuses a bad file naming the file and the field', () => {
    const float = policiesWith('compensation-bands.json', ([band, ...rest]) => [
      { ...band, baseSalaryMinor: { min: 6000000.5, max: 9000000 } },
      ...rest,
    ]);
    expect(() => loadOfferPolicies(float)).toThrow(
      /compensation-bands\.json: 0\.baseSalaryMinor\.min/,
    );
    const noRule = policiesWith('compensation-bands.json', ([band, ...rest]) => [
      { ...band, jobLevel: 'L99' },
      ...rest,
    ]);
    expect(() => loadOfferPolicies(noRule)).toThrow(/jobLevel L99 has no approval rule/);
    const twice = policiesWith('approval-rules.json', (rules) => [...rules, rules[0]]);
    expect(() => loadOfferPolicies(twice)).toThrow(
      /individual-contributor version 1 is listed twice/,
    );
    const notJson = policiesWith('contingency-kinds.json', () => '');
    writeFileSync(join(notJson, 'contingency-kinds.json'), '{');
    expect(() => loadOfferPolicies(notJson)).toThrow(/contingency-kinds\.json: is not JSON/);
  });

  it('reads the highest version of an entry as the one in force, keeping the older', () => {
    const raised = policiesWith('compensation-bands.json', ([band, ...rest]) => [
      band,
      { ...band, version: 2, jobIds: ['job-1'] },
      ...rest,
    ]);
    expect(() => loadOfferPolicies(raised)).not.toThrow();
  });
});

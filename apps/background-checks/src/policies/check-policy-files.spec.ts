import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPolicyForJob } from '../domain/check-policies';
import { DEFAULT_POLICIES_DIR, loadCheckPolicies } from './check-policy-files';

const FILES = ['packages.json', 'jurisdictions.json', 'check-selections.json'];

/** A copy of the shipped policies with one file's entries changed. */
function policiesWith(
  file: string,
  change: (entries: Record<string, unknown>[]) => unknown,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'check-policies-'));
  for (const name of FILES) {
    const entries = JSON.parse(readFileSync(join(DEFAULT_POLICIES_DIR, name), 'utf8'));
    writeFileSync(join(dir, name), JSON.stringify(name === file ? change(entries) : entries));
  }
  return dir;
}

describe('background-check policy files', () => {
  it('loads the shipped policies and chooses by job, with a default', () => {
    const policies = loadCheckPolicies();
    expect(checkPolicyForJob(policies, 'job-uk-1')?.jurisdiction.timeZone).toBe('Europe/London');
    expect(checkPolicyForJob(policies, 'job-senior-1')?.checkPackage.id).toBe('senior');
    const fallback = checkPolicyForJob(policies, 'job-anything');
    expect([fallback?.checkPackage.id, fallback?.jurisdiction.id]).toEqual(['standard', 'us-ca']);
  });

  it('refuses a field breaking its rule, naming the file and field', () => {
    const badKind = policiesWith('packages.json', ([first, ...rest]) => [
      { ...first, items: [{ kind: 'horoscope', count: 1, subject: null }] },
      ...rest,
    ]);
    expect(() => loadCheckPolicies(badKind)).toThrow(/packages\.json: 0\.items\.0\.kind/);
    const badZone = policiesWith('jurisdictions.json', ([first, ...rest]) => [
      { ...first, timeZone: 'Mars/Olympus' },
      ...rest,
    ]);
    expect(() => loadCheckPolicies(badZone)).toThrow(/jurisdictions\.json: 0\.timeZone/);
  });

  it("refuses a document whose SHA-256 is not its text's", () => {
    const edited = policiesWith('jurisdictions.json', ([first, ...rest]) => [
      {
        ...first,
        disclosure: { ...(first.disclosure as object), text: 'A quietly edited disclosure.' },
      },
      ...rest,
    ]);
    expect(() => loadCheckPolicies(edited)).toThrow(
      /jurisdictions\.json: 0\.disclosure\.sha256 is not the SHA-256/,
    );
  });

  it('refuses selections naming unknown entries or claiming a job twice', () => {
    const unknown = policiesWith('check-selections.json', ([first, ...rest]) => [
      { ...first, packageId: 'platinum' },
      ...rest,
    ]);
    expect(() => loadCheckPolicies(unknown)).toThrow(/packageId platinum is not in packages\.json/);
    const twice = policiesWith('check-selections.json', (selections) => [
      ...selections,
      {
        id: 'another-default',
        version: 1,
        jobIds: null,
        packageId: 'standard',
        jurisdictionId: 'uk',
      },
    ]);
    expect(() => loadCheckPolicies(twice)).toThrow(
      /job \(the default\) is in both default and another-default/,
    );
    const repeated = policiesWith('packages.json', (packages) => [...packages, packages[0]]);
    expect(() => loadCheckPolicies(repeated)).toThrow(/standard version 1 is listed twice/);
  });

  it('keeps older versions and uses the highest in force', () => {
    const raised = policiesWith('packages.json', ([first, ...rest]) => [
      first,
      { ...first, version: 2, items: [{ kind: 'criminal-record', count: 1, subject: null }] },
      ...rest,
    ]);
    const policies = loadCheckPolicies(raised);
    expect(policies.packages.filter((entry) => entry.id === 'standard')).toHaveLength(2);
    expect(checkPolicyForJob(policies, 'job-1')?.checkPackage.version).toBe(2);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retentionPolicyForJob } from '../domain/retention';
import {
  DEFAULT_POLICIES_DIR,
  loadRetentionPolicies,
  RETENTION_POLICY_FILE,
} from './retention-policy-file';

type Entry = Record<string, unknown>;

const shipped = (): Entry[] =>
  JSON.parse(readFileSync(join(DEFAULT_POLICIES_DIR, RETENTION_POLICY_FILE), 'utf8')) as Entry[];

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A folder holding the shipped policies, changed. */
function policiesWith(change: (entries: Entry[]) => unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'retention-policies-'));
  folders.push(dir);
  writeFileSync(join(dir, RETENTION_POLICY_FILE), JSON.stringify(change(shipped())));
  return dir;
}

describe('retention policy file', () => {
  it("loads the shipped policies: each job's jurisdiction, else the default", () => {
    const policies = loadRetentionPolicies();
    expect(retentionPolicyForJob(policies, 'job-uk-1')).toMatchObject({
      jurisdiction: 'uk',
      keepMonths: 6,
    });
    expect(retentionPolicyForJob(policies, 'job-7')).toMatchObject({ jurisdiction: 'us-ca' });
  });

  it('refuses a field breaking its rule, naming the file and field', () => {
    const keepsNothing = policiesWith(([first, ...rest]) => [{ ...first, keepMonths: 0 }, ...rest]);
    expect(() => loadRetentionPolicies(keepsNothing)).toThrow(
      /candidates policy retention-policies\.json: 0\.keepMonths/,
    );
  });

  it('refuses policies that leave jobs without a default, or give a job two', () => {
    const noDefault = policiesWith((entries) => entries.filter((entry) => entry.jobIds !== null));
    expect(() => loadRetentionPolicies(noDefault)).toThrow(/exactly one policy in force/);
    const twice = policiesWith((entries) => [
      ...entries,
      { ...entries[2], id: 'uk-again', jobIds: ['job-uk-1'] },
    ]);
    expect(() => loadRetentionPolicies(twice)).toThrow(
      /job job-uk-1 is in both uk-applicants and uk-again/,
    );
  });

  it('takes a new version of a policy as the one in force', () => {
    const longer = policiesWith((entries) => [
      ...entries,
      { ...entries[2], version: 2, keepMonths: 12 },
    ]);
    expect(retentionPolicyForJob(loadRetentionPolicies(longer), 'job-uk-1')).toMatchObject({
      version: 2,
      keepMonths: 12,
    });
  });
});

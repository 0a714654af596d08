import { identifier } from '@hirestream/contracts';
import { readPolicyEntries } from '@hirestream/platform';
import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import { join } from 'node:path';

const JobEntry = Type.Object(
  {
    id: identifier({ description: 'The job opening, as candidacies name it' }),
    version: Type.Integer({ minimum: 1 }),
    department: identifier({ examples: ['engineering'] }),
  },
  { additionalProperties: false },
);

/** The service's own policies folder (apps/analytics/policies), from the sources or the build. */
const POLICIES_DIR = join(__dirname, '..', '..', 'policies');

/**
 * Which department each job belongs to: no event says so, so it is configuration
 * (policies/jobs.json, the newest version of each job), read at start. A query
 * by department asks for that department's jobs, so a job moved to another
 * department counts there for its whole history without a rebuild.
 */
@Injectable()
export class JobDepartments {
  private readonly jobsByDepartment = new Map<string, string[]>();

  constructor() {
    const newest = new Map<string, { version: number; department: string }>();
    for (const job of readPolicyEntries('analytics', POLICIES_DIR, 'jobs.json', JobEntry)) {
      const known = newest.get(job.id);
      if (known === undefined || known.version < job.version) newest.set(job.id, job);
    }
    for (const [jobId, { department }] of newest) {
      this.jobsByDepartment.set(department, [
        ...(this.jobsByDepartment.get(department) ?? []),
        jobId,
      ]);
    }
  }

  /** The jobs of the department; undefined for a department no job belongs to. */
  jobsOf(department: string): readonly string[] | undefined {
    return this.jobsByDepartment.get(department);
  }
}

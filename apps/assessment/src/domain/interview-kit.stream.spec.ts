import { INTERVIEW_KINDS } from '@hirestream/contracts';
import { interviewKitStreamName } from './interview-kit.stream';

describe('interview kit stream name', () => {
  it('gives every (job, kind) pair a stream of its own, whatever the job id holds', () => {
    const jobIds = ['7', 'job-7', 'manager:job-7', 'technical:7', 'a.b_c:d-e', 'first-7', 'panel'];
    const pairs = jobIds.flatMap((jobId) => INTERVIEW_KINDS.map((kind) => ({ jobId, kind })));
    const names = new Set(pairs.map(({ jobId, kind }) => interviewKitStreamName(jobId, kind)));
    expect(names.size).toBe(pairs.length);
    expect(interviewKitStreamName('job-7', 'hiring-manager')).toBe(
      'interview-kit-hiring-manager:job-7',
    );
  });
});

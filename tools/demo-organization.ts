import { COORDINATOR, DemoClient, HIRING_MANAGER } from './demo-client';

/*
 * The demo organization: jobs the offers and background-checks policies know
 * (compensation bands for job-1, job-7 and job-9; every job takes the default
 * check selection), interviewers in several time zones, and a rubric and an
 * interview kit per job and interview kind. Everything has a fixed id or is
 * found by one (a kit by job and kind), so seeding again adds nothing.
 */

export interface DemoJob {
  readonly jobId: string;
  readonly title: string;
  /** The base salary offered, in euro cents a year, inside the job's compensation band. */
  readonly baseSalaryMinor: number;
  readonly place: string;
}

export const DEMO_JOBS: readonly DemoJob[] = [
  {
    jobId: 'job-1',
    title: 'Backend Engineer',
    baseSalaryMinor: 7_500_000,
    place: 'Berlin, Germany',
  },
  {
    jobId: 'job-7',
    title: 'Frontend Engineer',
    baseSalaryMinor: 7_000_000,
    place: 'Lisbon, Portugal',
  },
  { jobId: 'job-9', title: 'Staff Engineer', baseSalaryMinor: 13_000_000, place: 'Remote, Europe' },
];

export interface DemoInterviewer {
  readonly interviewerId: string;
  readonly timeZone: string;
  /** Local working hours, Monday to Friday. */
  readonly start: string;
  readonly end: string;
  readonly dailyInterviewLimit: number;
}

function interviewer(
  interviewerId: string,
  timeZone: string,
  start: string,
  end: string,
  dailyInterviewLimit: number,
): DemoInterviewer {
  return { interviewerId, timeZone, start, end, dailyInterviewLimit };
}

/** Fifteen interviewers, in pairs (and one trio) sharing a time zone, so panels find common hours. */
export const DEMO_INTERVIEWERS: readonly DemoInterviewer[] = [
  interviewer('interviewer-amara-okafor', 'Europe/Berlin', '09:00', '17:00', 4),
  interviewer('interviewer-jonas-weber', 'Europe/Berlin', '08:30', '16:30', 3),
  interviewer('interviewer-lena-fischer', 'Europe/Berlin', '10:00', '18:00', 5),
  interviewer('interviewer-oliver-brown', 'Europe/London', '09:00', '17:30', 4),
  interviewer('interviewer-priya-shah', 'Europe/London', '08:00', '16:00', 3),
  interviewer('interviewer-marcus-johnson', 'America/New_York', '09:00', '17:00', 4),
  interviewer('interviewer-sofia-garcia', 'America/New_York', '10:00', '18:00', 3),
  interviewer('interviewer-ethan-miller', 'America/Los_Angeles', '09:00', '17:00', 5),
  interviewer('interviewer-hana-kim', 'America/Los_Angeles', '08:00', '15:00', 2),
  interviewer('interviewer-arjun-mehta', 'Asia/Kolkata', '10:00', '18:30', 4),
  interviewer('interviewer-kavya-iyer', 'Asia/Kolkata', '09:30', '17:30', 3),
  interviewer('interviewer-yuki-tanaka', 'Asia/Tokyo', '09:00', '18:00', 4),
  interviewer('interviewer-kenji-sato', 'Asia/Tokyo', '10:00', '17:00', 3),
  interviewer('interviewer-chloe-martin', 'Australia/Sydney', '08:30', '16:30', 4),
  interviewer('interviewer-liam-wilson', 'Australia/Sydney', '09:00', '17:00', 3),
];

/** Panels of two sharing a time zone: the panel for the `n`th interview. */
export function demoPanel(n: number): readonly [string, string] {
  const pairs = DEMO_INTERVIEWERS.flatMap((first, i) =>
    DEMO_INTERVIEWERS.slice(i + 1)
      .filter((second) => second.timeZone === first.timeZone)
      .map((second) => [first.interviewerId, second.interviewerId] as const),
  );
  return pairs[n % pairs.length];
}

/** The interview kinds each job has a kit (and its rubric) for. */
export const DEMO_INTERVIEW_KINDS = ['screening', 'technical', 'hiring-manager', 'panel'] as const;
export type DemoInterviewKind = (typeof DEMO_INTERVIEW_KINDS)[number];

const DESCRIPTORS = {
  '1': 'Far below the bar',
  '2': 'Below the bar',
  '3': 'At the bar',
  '4': 'Well above the bar',
};

const CRITERIA_BY_KIND: Record<DemoInterviewKind, readonly [string, string, string][]> = {
  screening: [
    ['motivation', 'Motivation', 'Knows why this role, and why now'],
    ['communication', 'Communication', 'Explains clearly and listens'],
  ],
  technical: [
    ['problem-solving', 'Problem solving', 'Breaks a problem down and tests their ideas'],
    ['code-quality', 'Code quality', 'Readable, tested code that does what it says'],
    ['system-design', 'System design', 'Designs that meet the need and say what they give up'],
  ],
  'hiring-manager': [
    ['ownership', 'Ownership', 'Sees work through and owns its outcome'],
    ['collaboration', 'Collaboration', 'Makes the people around them better'],
  ],
  panel: [
    ['depth', 'Depth', 'Knows their field well beyond the surface'],
    ['judgement', 'Judgement', 'Weighs trade-offs and decides'],
    ['communication', 'Communication', 'Explains clearly and listens'],
  ],
};

const KIND_TITLES: Record<DemoInterviewKind, string> = {
  screening: 'Screening call',
  technical: 'Technical interview',
  'hiring-manager': 'Hiring manager interview',
  panel: 'Panel interview',
};

/** Sets every interviewer's availability that is not set as the demo wants it; how many it set. */
export async function seedInterviewers(client: DemoClient, onEach: () => void): Promise<number> {
  let added = 0;
  for (const person of DEMO_INTERVIEWERS) {
    const path = `/interviewers/${encodeURIComponent(person.interviewerId)}`;
    const wanted = {
      timeZone: person.timeZone,
      workingHours: [1, 2, 3, 4, 5].map((weekday) => ({
        weekday,
        start: person.start,
        end: person.end,
      })),
      dailyInterviewLimit: person.dailyInterviewLimit,
    };
    const now = new Date();
    const day = `from=${now.toISOString()}&to=${new Date(now.getTime() + 86_400_000).toISOString()}`;
    const calendar = await client.get<{ availability: typeof wanted | null }>(
      'scheduling',
      `${path}/calendar?${day}`,
      COORDINATOR,
    );
    if (calendar.availability === null) {
      await client.send('scheduling', 'PUT', `${path}/availability`, {
        as: COORDINATOR,
        body: wanted,
      });
      added += 1;
    }
    onEach();
  }
  return added;
}

/** Publishes a rubric and a kit for every job and kind that has no kit yet; how many it published. */
export async function seedInterviewKits(client: DemoClient, onEach: () => void): Promise<number> {
  let added = 0;
  for (const job of DEMO_JOBS) {
    for (const kind of DEMO_INTERVIEW_KINDS) {
      const path = `/jobs/${job.jobId}/interview-kits/${kind}`;
      const existing = await client.send('assessment', 'GET', path, {
        as: HIRING_MANAGER,
        accept: [200, 404],
      });
      if (existing.status === 404) {
        const criteria = CRITERIA_BY_KIND[kind].map(([criterionId, name, description], i) => ({
          criterionId,
          name,
          description,
          weight: i === 0 ? 2 : 1,
          descriptors: DESCRIPTORS,
        }));
        const { rubricId } = await client.post<{ rubricId: string }>(
          'assessment',
          '/rubrics',
          HIRING_MANAGER,
          { name: `${job.title}: ${KIND_TITLES[kind]}`, criteria },
        );
        await client.send('assessment', 'PUT', path, {
          as: HIRING_MANAGER,
          body: {
            title: `${job.title}: ${KIND_TITLES[kind]}`,
            rubricId,
            questions: criteria.map(({ criterionId, name }, i) => ({
              questionId: `q-${i + 1}`,
              type: kind === 'technical' ? 'technical' : 'behavioral',
              text: `Tell me about a time your ${name.toLowerCase()} made the difference.`,
              guidance: 'Ask for a concrete example, then for what they would do differently.',
              criterionIds: [criterionId],
            })),
          },
        });
        added += 1;
      }
      onEach();
    }
  }
  return added;
}

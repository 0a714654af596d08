import {
  candidateStreamName,
  hirestreamEventCatalog,
  interviewerCalendarStreamName,
  INTERVIEW_KINDS,
  type CandidateEvent,
  type CandidateStage,
  type Event,
  type InterviewEvent,
  type InterviewerCalendarEvent,
} from '@hirestream/contracts';

/*
 * A hiring history as the services would have written it, for benchmarks that
 * need a large store quickly: candidacies run side by side (a window of them is
 * open at once), and each round every open candidacy takes its next step, so a
 * candidacy's events are spread through `$all` among thousands of others', as
 * weeks of hiring spread them. A step is what one command writes to the
 * candidate's stream (a screening with its stage move; an interview scheduled,
 * confirmed, maybe moved, completed), plus its panel's calendar reservations,
 * which a round gathers into one append per interviewer calendar.
 *
 * The mix: 30% fail screening (4 events); the others interview 4–9 times
 * (panels of three, 40% of interviews moved once) and end rejected, withdrawn
 * or with an offer: about 40 events per candidacy, one in eight of them the
 * candidates service's own. With `candidateEventsOnly`, those alone.
 */

/** Events for one stream, appended with one call, as of `occurredAt`. */
export type HistoryAppend = Readonly<{
  streamName: string;
  events: readonly Event[];
  occurredAt: Date;
}>;

export type HiringHistoryOptions = Readonly<{
  /** Candidacies open at once (default 2,000). */
  openCandidacies?: number;
  /** Jobs applied for; a few draw most applicants (default 2,000). */
  jobs?: number;
  interviewers?: number;
  /** Seed of the pseudo-random choices, so two runs write the same history. */
  seed?: number;
  /** Simulated time of the first round; each round is an hour later. */
  startsAt?: Date;
  /** Only the candidates service's own events (no interviews, about 5 per candidacy). */
  candidateEventsOnly?: boolean;
}>;

const HOUR_MS = 3_600_000;
const PANEL_SIZE = 3;
const NOTES = [
  'Strong on distributed systems; available from March.',
  'Led a team of five through a payments migration; clear about trade-offs.',
  'Good fundamentals, thin on production experience; worth a technical round.',
  'Relocating in the summer, prefers a hybrid arrangement.',
  'Salary expectations at the top of the band; very relevant domain knowledge.',
  'Referred by a former colleague; portfolio shows careful, tested work.',
];
const SOURCES = ['careers-site', 'referral', 'agency', 'job-board', 'university'];
const TIME_ZONES = ['Europe/London', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];

/** A small deterministic generator (mulberry32): numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A job drawn so that a few jobs get most applicants, as evergreen openings do. */
export function skewedJob(random: () => number, jobs: number): string {
  return `job-${Math.floor(jobs * random() ** 2)}`;
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

function instant(at: number): string {
  return new Date(at).toISOString().replace('.000Z', 'Z');
}

type Step = (at: number) => HistoryAppend[];

/** The steps of one candidacy, decided up front: each round takes the next. */
function candidacySteps(random: () => number, jobs: number, interviewers: number): Step[] {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const candidateId = uuidFrom(random);
  const stream = candidateStreamName(candidateId);
  const ownStep =
    (events: readonly CandidateEvent[]): Step =>
    (at) => [{ streamName: stream, events, occurredAt: new Date(at) }];
  const n = Math.floor(random() * 1_000_000);
  const steps: Step[] = [
    ownStep([
      {
        type: 'CandidateRegistered',
        data: {
          candidateId,
          personId: uuidFrom(random),
          fullName: `Candidate ${n}`,
          email: `candidate.${n}@example.org`,
          phone: random() < 0.7 ? `+44 20 7946 ${String(n % 10_000).padStart(4, '0')}` : null,
          jobId: skewedJob(random, jobs),
          source: pick(SOURCES),
          resumeRef: `resumes/${candidateId}.pdf`,
        },
      },
    ]),
  ];
  const passed = random() >= 0.3;
  steps.push(
    ownStep([
      { type: 'CandidateStageChanged', data: { candidateId, from: 'applied', to: 'screening' } },
      {
        type: 'ScreeningRecorded',
        data: { candidateId, passed, notes: pick(NOTES), screenedBy: 'recruiter-1' },
      },
    ]),
  );
  const rejected = (stageAtRejection: CandidateStage): CandidateEvent => ({
    type: 'CandidateRejected',
    data: {
      candidateId,
      category: 'rejected-by-us',
      reason: 'Another candidate matched the role more closely.',
      feedbackForCandidate: 'Thank you for your time; we were impressed by your preparation.',
      stageAtRejection,
    },
  });
  if (!passed) {
    steps.push(ownStep([rejected('screening')]));
    return steps;
  }
  steps.push(
    ownStep([
      {
        type: 'CandidateStageChanged',
        data: { candidateId, from: 'screening', to: 'interviewing' },
      },
    ]),
  );
  const interviews = 4 + Math.floor(random() * 6);
  for (let round = 1; round <= interviews; round += 1) {
    const interviewId = uuidFrom(random);
    const panel = Array.from({ length: PANEL_SIZE }, (_, i) => ({
      interviewerId: `interviewer-${Math.floor(random() * interviewers)}`,
      role: i === 0 ? ('lead' as const) : ('question-asker' as const),
    }));
    const moved = random() < 0.4;
    steps.push((at) => {
      const startsAt = instant(at + 72 * HOUR_MS);
      const endsAt = instant(at + 73 * HOUR_MS);
      const events: InterviewEvent[] = [
        {
          type: 'InterviewScheduled',
          data: {
            candidateId,
            interviewId,
            kind: INTERVIEW_KINDS[round % INTERVIEW_KINDS.length],
            round,
            format: 'video',
            location: null,
            videoLink: `https://meet.example.org/${interviewId}`,
            panel,
            startsAt,
            endsAt,
            candidateTimeZone: pick(TIME_ZONES),
          },
        },
        { type: 'InterviewConfirmed', data: { candidateId, interviewId } },
      ];
      const reservations = (from: string, to: string): InterviewerCalendarEvent[] =>
        panel.map(({ interviewerId }) => ({
          type: 'InterviewerSlotReserved',
          data: {
            interviewerId,
            interviewId,
            candidateId,
            startsAt: from,
            endsAt: to,
            override: null,
          },
        }));
      const calendar = reservations(startsAt, endsAt);
      if (moved) {
        const movedStart = instant(at + 96 * HOUR_MS);
        const movedEnd = instant(at + 97 * HOUR_MS);
        events.push(
          {
            type: 'InterviewRescheduled',
            data: {
              candidateId,
              interviewId,
              version: 2,
              startsAt: movedStart,
              endsAt: movedEnd,
              reason: 'The lead interviewer is travelling that day.',
            },
          },
          { type: 'InterviewConfirmed', data: { candidateId, interviewId } },
        );
        calendar.push(...reservations(movedStart, movedEnd));
      }
      events.push({ type: 'InterviewCompleted', data: { candidateId, interviewId } });
      return [
        { streamName: stream, events, occurredAt: new Date(at) },
        ...calendar.map((event) => ({
          streamName: interviewerCalendarStreamName(event.data.interviewerId),
          events: [event],
          occurredAt: new Date(at),
        })),
      ];
    });
    if (round < interviews && random() < 0.02) {
      steps.push(
        ownStep([
          {
            type: 'CandidateWithdrew',
            data: {
              candidateId,
              reason: 'Accepted another offer.',
              stageAtWithdrawal: 'interviewing',
            },
          },
        ]),
      );
      return steps;
    }
  }
  const outcome = random();
  if (outcome < 0.55) {
    steps.push(ownStep([rejected('interviewing')]));
  } else if (outcome < 0.75) {
    steps.push(
      ownStep([
        {
          type: 'CandidateStageChanged',
          data: { candidateId, from: 'interviewing', to: 'background-check' },
        },
      ]),
      ownStep([
        {
          type: 'CandidateStageChanged',
          data: { candidateId, from: 'background-check', to: 'offer' },
        },
      ]),
    );
  } else {
    steps.push(
      ownStep([
        { type: 'CandidateStageChanged', data: { candidateId, from: 'interviewing', to: 'offer' } },
      ]),
    );
  }
  return steps;
}

/**
 * The history in rounds, each round the appends of one simulated hour (the
 * same stream at most once per round, so a round's appends may run at once),
 * until `events` events were written; the last round is cut to fit.
 */
export function* hiringHistory(
  events: number,
  options: HiringHistoryOptions = {},
): Generator<readonly HistoryAppend[]> {
  const random = seededRandom(options.seed ?? 10);
  const open = options.openCandidacies ?? 2_000;
  const jobs = options.jobs ?? 2_000;
  const interviewers = options.interviewers ?? 400;
  const startsAt = (options.startsAt ?? new Date('2024-01-01T00:00:00Z')).getTime();
  const candidateTypes = new Set(hirestreamEventCatalog.typesOwnedBy('candidates'));
  const kept = (event: Event): boolean =>
    options.candidateEventsOnly !== true || candidateTypes.has(event.type);
  let candidacies: { steps: Step[]; next: number }[] = [];
  let written = 0;
  for (let round = 0; written < events; round += 1) {
    while (candidacies.length < open) {
      candidacies.push({ steps: candidacySteps(random, jobs, interviewers), next: 0 });
    }
    const at = startsAt + round * HOUR_MS;
    const byStream = new Map<string, HistoryAppend>();
    for (const candidacy of candidacies) {
      for (const step of candidacy.steps[candidacy.next](at)) {
        const append = { ...step, events: step.events.filter(kept) };
        if (append.events.length === 0) continue;
        const earlier = byStream.get(append.streamName);
        byStream.set(
          append.streamName,
          earlier === undefined
            ? append
            : { ...earlier, events: [...earlier.events, ...append.events] },
        );
      }
      candidacy.next += 1;
    }
    candidacies = candidacies.filter((candidacy) => candidacy.next < candidacy.steps.length);
    const appends: HistoryAppend[] = [];
    for (const append of byStream.values()) {
      if (written >= events) break;
      const taken = append.events.slice(0, events - written);
      appends.push({ ...append, events: taken });
      written += taken.length;
    }
    yield appends;
  }
}

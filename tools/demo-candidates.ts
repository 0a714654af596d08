import { setTimeout as sleep } from 'node:timers/promises';
import {
  COORDINATOR,
  DemoClient,
  DemoRequestError,
  eventually,
  RECRUITER,
  type Caller,
} from './demo-client';
import { DEMO_JOBS, demoPanel, type DemoJob } from './demo-organization';

/*
 * Where each demo candidate's journey stops. The first fifteen candidates
 * take one scenario each (so a small `--candidates` still shows every stage);
 * the rest spread over them as a hiring funnel does.
 */
export const DEMO_SCENARIOS = [
  'applied',
  'screening',
  'interview-scheduled',
  'interviewed-with-feedback',
  'rejected',
  'withdrawn',
  'check-awaiting-consent',
  'adverse-action',
  'offer-awaiting-approval',
  'offer-extended',
  'hired',
  'offer-countered',
  'check-under-way',
  'offer-approved',
  'offer-declined',
] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

/** After the first of each: how many more of each a funnel of 60 holds (45 in all). */
const FUNNEL: Partial<Record<DemoScenario, number>> = {
  applied: 8,
  screening: 6,
  'interview-scheduled': 7,
  'interviewed-with-feedback': 2,
  rejected: 7,
  withdrawn: 3,
  'check-awaiting-consent': 3,
  'check-under-way': 2,
  'offer-awaiting-approval': 2,
  'offer-approved': 1,
  'offer-extended': 2,
  hired: 2,
};

const FUNNEL_ORDER: readonly DemoScenario[] = (() => {
  const remaining = new Map(Object.entries(FUNNEL) as [DemoScenario, number][]);
  const order: DemoScenario[] = [];
  while ([...remaining.values()].some((count) => count > 0)) {
    for (const [scenario, count] of remaining) {
      if (count > 0) {
        order.push(scenario);
        remaining.set(scenario, count - 1);
      }
    }
  }
  return order;
})();

/** The scenario of the `n`th demo candidate (from 1). */
export function demoScenario(n: number): DemoScenario {
  const index = n - 1;
  if (index < DEMO_SCENARIOS.length) return DEMO_SCENARIOS[index];
  const rest = index - DEMO_SCENARIOS.length;
  return FUNNEL_ORDER[rest % FUNNEL_ORDER.length];
}

/** The stage a candidacy is in once its scenario has run. */
export function scenarioStage(scenario: DemoScenario): string {
  if (scenario === 'applied' || scenario === 'screening' || scenario === 'rejected') {
    return scenario;
  }
  if (scenario === 'withdrawn' || scenario === 'hired') return scenario;
  if (scenario.startsWith('interview')) return 'interviewing';
  if (scenario.startsWith('check') || scenario === 'adverse-action') return 'background-check';
  return 'offer';
}

/** How many demo candidates (1…count) end in each stage. */
export function expectedStageCounts(count: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (let n = 1; n <= count; n++) {
    const stage = scenarioStage(demoScenario(n));
    counts[stage] = (counts[stage] ?? 0) + 1;
  }
  return counts;
}

const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Edsger',
  'Radia',
  'Donald',
  'Hedy',
  'Tim',
  'Annie',
  'John',
  'Shafi',
  'Leslie',
  'Sophie',
  'Niklaus',
];
const LAST_NAMES = [
  'Okonkwo',
  'Lindqvist',
  'Moreau',
  'Haddad',
  'Nakamura',
  'Silva',
  'Kowalski',
  'Rahman',
  'Fischer',
  'Byrne',
  'Costa',
  'Novak',
  'Ivanova',
  'Tanaka',
  'Mensah',
  'Laurent',
  'Petrov',
];
const SOURCES = ['referral', 'careers page', 'LinkedIn', 'agency', 'conference'];

export interface DemoCandidate {
  readonly n: number;
  readonly fullName: string;
  readonly email: string;
  readonly job: DemoJob;
  readonly scenario: DemoScenario;
}

/** The `n`th demo candidate: a name, a deterministic email (what finds it again), a job, a scenario. */
export function demoCandidate(n: number): DemoCandidate {
  const scenario = demoScenario(n);
  // The embedded screening provider makes a `+consider@` address's criminal record `consider`.
  const marker = scenario === 'adverse-action' ? '+consider' : '';
  return {
    n,
    fullName: `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 7) % LAST_NAMES.length]}`,
    email: `demo-${n}${marker}@example.org`,
    job: DEMO_JOBS[n % DEMO_JOBS.length],
    scenario,
  };
}

interface CandidateListed {
  readonly id: string;
  readonly fullName: string;
}

/** The ids of the demo candidates already registered, by number, found through the candidate list. */
export async function registeredDemoCandidates(
  client: DemoClient,
  count: number,
): Promise<Map<number, string>> {
  const byEmail = new Map<string, DemoCandidate>();
  for (let n = 1; n <= count; n++) byEmail.set(demoCandidate(n).email, demoCandidate(n));
  const names = new Set([...byEmail.values()].map((candidate) => candidate.fullName));
  const found = new Map<number, string>();
  for (const job of DEMO_JOBS) {
    for (let offset = 0; ; offset += 200) {
      const page = await client.get<{ total: number; items: CandidateListed[] }>(
        'candidates',
        `/candidates?jobId=${job.jobId}&limit=200&offset=${offset}`,
        RECRUITER,
      );
      for (const item of page.items.filter((listed) => names.has(listed.fullName))) {
        const { email } = await client.get<{ email: string }>(
          'candidates',
          `/candidates/${item.id}`,
          RECRUITER,
        );
        const candidate = byEmail.get(email);
        if (candidate !== undefined) found.set(candidate.n, item.id);
      }
      if (offset + 200 >= page.total) break;
    }
  }
  return found;
}

/** Serializes finding a time and booking it, so two candidates are never offered the same slot. */
let booking: Promise<unknown> = Promise.resolve();

const OPEN_STAGES = ['applied', 'screening', 'interviewing', 'background-check', 'offer'];

/** Whether a candidacy in `stage` has yet to reach `wanted` (both open, `wanted` later). */
function before(stage: string, wanted: string): boolean {
  return OPEN_STAGES.includes(stage) && OPEN_STAGES.indexOf(stage) < OPEN_STAGES.indexOf(wanted);
}

/** The check items that count as answered. */
const FINAL_ITEM_STATUSES = ['clear', 'consider', 'suspended', 'cancelled'];

interface CheckView {
  readonly checkId: string;
  readonly phase: string;
  readonly items: readonly {
    itemId: string;
    kind: string;
    status: string;
    adjudication: string | null;
  }[];
  readonly adverseAction: unknown;
}

/**
 * Runs one demo candidate's scenario through the services' APIs, or the rest
 * of it for a candidacy registered already (`id`): every step looks at what
 * the services hold first and does only what is missing, so a run stopped
 * half-way is finished by the next one and a finished one changes nothing.
 * Whether it registered the candidate, and its id.
 */
export async function runScenario(
  client: DemoClient,
  candidate: DemoCandidate,
  registered?: string,
): Promise<{ id: string; added: boolean }> {
  const { job, scenario } = candidate;
  const id =
    registered ??
    (
      await client.send<{ id: string }>('candidates', 'POST', '/candidates', {
        as: RECRUITER,
        idempotencyKey: `demo-candidate-${candidate.n}`,
        body: {
          fullName: candidate.fullName,
          email: candidate.email,
          jobId: job.jobId,
          source: SOURCES[candidate.n % SOURCES.length],
        },
      })
    ).body.id;
  const result = { id, added: registered === undefined };
  const asCandidate: Caller = { candidateId: id };
  const candidates = `/candidates/${id}`;
  const currentStage = async () =>
    (await client.get<{ stage: string }>('candidates', candidates, RECRUITER)).stage;
  const waitForStage = (wanted: readonly string[]) =>
    eventually(`${candidate.email} to reach ${wanted.join(' or ')}`, async () => {
      const stage = await currentStage();
      return wanted.includes(stage) ? stage : undefined;
    });

  let stage = await currentStage();
  if (scenario === 'applied') return result;
  const passed = scenario !== 'rejected' || candidate.n % 2 === 0;
  if (stage === 'applied') {
    await client.post('candidates', `${candidates}/screening`, RECRUITER, {
      passed,
      notes: passed
        ? 'Strong background, clear motivation.'
        : 'Experience does not match the role.',
    });
    stage = 'screening';
  }
  if (scenario === 'screening') return result;
  if (scenario === 'rejected') {
    if (stage !== 'rejected') {
      await client.post('candidates', `${candidates}/rejection`, RECRUITER, {
        category: 'rejected-by-us',
        reason: passed ? 'Another candidate was a closer match.' : 'Screening not passed.',
        feedbackForCandidate:
          'Thank you for your time. We were looking for more experience with distributed systems.',
      });
    }
    return result;
  }
  if (scenario === 'withdrawn') {
    if (stage !== 'withdrawn') {
      await client.post('candidates', `${candidates}/withdrawal`, asCandidate, {
        reason: 'I accepted another position.',
      });
    }
    return result;
  }
  if (before(stage, 'interviewing')) {
    await client.post('candidates', `${candidates}/stage`, RECRUITER, { to: 'interviewing' });
    stage = 'interviewing';
  }
  if (scenario === 'interview-scheduled' || scenario === 'interviewed-with-feedback') {
    const { interviews } = await client.get<{ interviews: DemoInterview[] }>(
      'scheduling',
      `${candidates}/interviews`,
      COORDINATOR,
    );
    if (scenario === 'interview-scheduled') {
      if (interviews.length === 0) await scheduleInterview(client, id, candidate.n);
    } else {
      await interviewWithFeedback(client, id, candidate.n, interviews[0]);
    }
    return result;
  }

  if (before(stage, 'background-check')) {
    await client.post('candidates', `${candidates}/stage`, RECRUITER, { to: 'background-check' });
    stage = 'background-check';
  }
  if (stage === 'background-check') await checkUntilDone(client, candidate, id);
  if (scenario.startsWith('check') || scenario === 'adverse-action') return result;

  // The check is clear: the candidates service moves the candidacy to the offer stage by itself.
  stage = await waitForStage(['offer', 'hired']);
  if (stage === 'offer') await runOffer(client, candidate, id, asCandidate);
  if (scenario === 'hired') await waitForStage(['hired']);
  return result;
}

/** The background check as far as the scenario takes it, from wherever it stands. */
async function checkUntilDone(
  client: DemoClient,
  candidate: DemoCandidate,
  id: string,
): Promise<void> {
  const { scenario } = candidate;
  const candidates = `/candidates/${id}`;
  const asCandidate: Caller = { candidateId: id };
  const readCheck = () =>
    client.get<CheckView>('background-checks', `${candidates}/background-check`, RECRUITER);
  const checkIn = (wanted: readonly string[]) =>
    eventually(`${candidate.email}'s check to be ${wanted.join(' or ')}`, async () => {
      const found = await client.send<CheckView>(
        'background-checks',
        'GET',
        `${candidates}/background-check`,
        { as: RECRUITER, accept: [200, 404] },
      );
      return found.status === 200 && wanted.includes(found.body.phase) ? found.body : undefined;
    });
  // The background-checks service starts the check when the candidacy enters the stage.
  let check = await checkIn(['awaiting-consent', 'consented', 'ordered', 'completed']);
  if (scenario === 'check-awaiting-consent') return;
  const checks = `${candidates}/background-checks/${check.checkId}`;
  if (check.phase === 'awaiting-consent') {
    const shown = await client.get<{ disclosure: { sha256: string } }>(
      'background-checks',
      `${candidates}/background-check/for-candidate`,
      asCandidate,
    );
    await client.post('background-checks', `${checks}/consent`, asCandidate, {
      disclosureSha256: shown.disclosure.sha256,
    });
  }
  if (scenario === 'check-under-way') return;
  check = await checkIn(['ordered', 'completed']);
  const references = check.items.filter(
    (item) => item.kind === 'reference-check' && !FINAL_ITEM_STATUSES.includes(item.status),
  );
  for (const [i, { itemId }] of references.entries()) {
    await client.post('background-checks', `${checks}/items/${itemId}/reference`, RECRUITER, {
      referenceName: i === 0 ? 'Morgan Lee' : 'Sam Patel',
      relationship: i === 0 ? 'Former manager' : 'Former colleague',
      answers: [{ question: 'Would you work with them again?', answer: 'Yes, gladly.' }],
      result: 'clear',
    });
  }
  check = await checkIn(['completed']);
  if (scenario !== 'adverse-action') return;
  const criminalRecord = check.items.find((item) => item.itemId === 'criminal-record-1');
  if (criminalRecord?.adjudication === null) {
    await client.post(
      'background-checks',
      `${checks}/items/criminal-record-1/adjudication`,
      RECRUITER,
      { decision: 'adverse-action', reason: 'A conviction relevant to the role.' },
    );
  }
  if ((await readCheck()).adverseAction === null) {
    await client.post('background-checks', `${checks}/pre-adverse-action-notice`, RECRUITER, {
      reportCopyReference: `report-copy-${id}`,
    });
  }
}

interface OfferView {
  readonly offerId: string;
  readonly status: string;
  readonly version: number;
  readonly approvalChain: readonly { approverId: string; state: string }[];
}

/** The offer as far as the scenario takes it, from wherever it stands. */
async function runOffer(
  client: DemoClient,
  candidate: DemoCandidate,
  id: string,
  asCandidate: Caller,
): Promise<void> {
  const { job, scenario } = candidate;
  const now = Date.now();
  const day = 86_400_000;
  const offers = `/candidates/${id}/offers`;
  const listed = await client.get<{ offers: OfferView[] }>('offers', offers, RECRUITER);
  const offerId =
    listed.offers[0]?.offerId ??
    (
      await client.post<{ offerId: string }>('offers', offers, RECRUITER, {
        jobTitle: job.title,
        baseSalary: { amountMinor: job.baseSalaryMinor, currency: 'EUR' },
        payPeriod: 'year',
        targetBonusBasisPoints: 1_000,
        equity: {
          units: 1_000,
          type: 'rsu',
          vesting: { years: 4, cliffMonths: 12, frequency: 'monthly' },
        },
        signOnBonus: null,
        benefits: ['30 days of paid leave', 'Pension contributions of 5%'],
        startDate: new Date(now + 45 * day).toISOString().slice(0, 10),
        expiresAt: new Date(now + 14 * day).toISOString().slice(0, 19) + 'Z',
        workLocation: { arrangement: 'hybrid', place: job.place },
        contingencies: ['background-check'],
      })
    ).offerId;
  const offer = `${offers}/${offerId}`;
  const read = () => client.get<OfferView>('offers', offer, RECRUITER);
  // Each approver acts in turn, as themselves: the chain comes from the offers policies.
  // An offer awaiting approval has its first step approved and waits for the next.
  for (let view = await read(); ; view = await read()) {
    const current = view.approvalChain.find((step) => step.state === 'current');
    const someApproved = view.approvalChain.some((step) => step.state === 'approved');
    if (current === undefined || (scenario === 'offer-awaiting-approval' && someApproved)) break;
    await client.post(
      'offers',
      `${offer}/approvals`,
      { subject: current.approverId, roles: ['approver'] },
      { version: view.version, note: 'Within the band and budgeted.' },
    );
  }
  if (scenario === 'offer-awaiting-approval' || scenario === 'offer-approved') return;
  const view = await read();
  const version = view.version;
  let status = view.status;
  if (status === 'approved') {
    await client.post('offers', `${offer}/extension`, RECRUITER, { version });
    status = 'extended';
  }
  if (status !== 'extended' || scenario === 'offer-extended') return;
  if (scenario === 'offer-countered') {
    await client.post('offers', `${offer}/counter`, asCandidate, {
      version,
      proposals: [{ term: 'sign-on-bonus', proposal: 'EUR 5,000 to cover my notice period' }],
      message: 'I am excited about the role; could we talk about a sign-on bonus?',
    });
  } else if (scenario === 'offer-declined') {
    await client.post('offers', `${offer}/declination`, asCandidate, {
      version,
      category: 'another-offer',
      reason: 'I have accepted an offer closer to home.',
    });
  } else {
    await client.post('offers', `${offer}/acceptance`, asCandidate, {
      version,
      signedName: candidate.fullName,
    });
  }
}

interface DemoInterview {
  readonly interviewId: string;
  readonly status: string;
  readonly startsAt: string;
  readonly panel: readonly { interviewerId: string }[];
}

/** A video interview at the panel's first common time in the next two weeks. */
async function scheduleInterview(client: DemoClient, id: string, n: number): Promise<void> {
  const panel = demoPanel(n);
  const book = booking.then(async () => {
    const from = new Date(Date.now() + 86_400_000);
    const { proposals } = await client.post<{ proposals: { startsAt: string; endsAt: string }[] }>(
      'scheduling',
      '/find-times',
      COORDINATOR,
      {
        from: from.toISOString(),
        to: new Date(from.getTime() + 14 * 86_400_000).toISOString(),
        panel,
        durationMinutes: 60,
        candidateId: id,
        stepMinutes: 30,
        maxProposals: 1,
      },
    );
    if (proposals.length === 0) throw new Error(`no common time for ${panel.join(' and ')}`);
    await client.post('scheduling', `/candidates/${id}/interviews`, COORDINATOR, {
      kind: 'technical',
      round: 1,
      format: 'video',
      videoLink: `https://meet.example.org/demo-${n}`,
      ...proposals[0],
      candidateTimeZone: 'Europe/London',
      panel: panel.map((interviewerId, i) => ({
        interviewerId,
        role: i === 0 ? 'lead' : 'question-asker',
      })),
    });
  });
  booking = book.catch(() => undefined);
  await book;
}

/** How many panels `demoPanel` makes: the ones tried before giving up on an interview now. */
const PANELS_TO_TRY = 9;

/** A 15-minute screening call at `startsAt` with the first panel free then. */
async function bookNow(
  client: DemoClient,
  id: string,
  n: number,
  startsAt: Date,
): Promise<{ panel: readonly string[]; interviewId: string; startsAt: Date }> {
  for (let tried = 0; ; tried++) {
    const panel = demoPanel(n + tried);
    try {
      const { interviewId } = await client.post<{ interviewId: string }>(
        'scheduling',
        `/candidates/${id}/interviews`,
        COORDINATOR,
        {
          kind: 'screening',
          round: 1,
          format: 'phone',
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 15 * 60_000).toISOString(),
          candidateTimeZone: 'Europe/Berlin',
          panel: panel.map((interviewerId, i) => ({
            interviewerId,
            role: i === 0 ? 'lead' : 'note-taker',
          })),
          override: { reason: 'Demo: the interview takes place now' },
        },
      );
      return { panel, interviewId, startsAt };
    } catch (error) {
      // An earlier run's call may hold this panel still: the next panel may be free.
      const busy =
        error instanceof DemoRequestError &&
        (error.problem as { rule?: string } | undefined)?.rule === 'interviewer-double-booked';
      if (!busy || tried + 1 >= PANELS_TO_TRY) throw error;
    }
  }
}

/**
 * A short screening call starting in a few seconds (overriding working hours:
 * a demo happens now), completed once it has started; each panelist then
 * submits the feedback the assessment service requests by itself.
 */
async function interviewWithFeedback(
  client: DemoClient,
  id: string,
  n: number,
  booked: DemoInterview | undefined,
): Promise<void> {
  const { panel, interviewId, startsAt } =
    booked === undefined
      ? await bookNow(client, id, n, new Date(Math.ceil((Date.now() + 3_000) / 1000) * 1000))
      : {
          panel: booked.panel.map((seat) => seat.interviewerId),
          interviewId: booked.interviewId,
          startsAt: new Date(booked.startsAt),
        };
  const interview = `/candidates/${id}/interviews/${interviewId}`;
  if (booked?.status !== 'completed') {
    await sleep(Math.max(0, startsAt.getTime() - Date.now() + 200));
    await client.post('scheduling', `${interview}/completion`, COORDINATOR);
  }
  for (const [i, interviewerId] of panel.entries()) {
    const as: Caller = { subject: interviewerId, roles: ['interviewer'] };
    const criteria = await eventually(`feedback requested from ${interviewerId}`, async () => {
      const own = await client.get<{
        status: string;
        rubric: { criteria: { criterionId: string }[] } | null;
      }>('assessment', `${interview}/feedback/mine`, as);
      if (own.status === 'submitted') return null;
      return own.status === 'open' ? (own.rubric?.criteria ?? []) : undefined;
    });
    if (criteria === null) continue;
    await client.post('assessment', `${interview}/feedback`, as, {
      ratings: criteria.map(({ criterionId }, c) => ({ criterionId, rating: 3 + ((c + i) % 2) })),
      strengths: 'Clear about what they want next; good questions about the team.',
      concerns: 'Little experience with on-call work.',
      recommendation: i === 0 ? 'strong-yes' : 'yes',
    });
  }
}

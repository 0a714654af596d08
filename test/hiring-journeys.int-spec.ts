import { EventStoreDBClient } from '@eventstore/db-client';
import { candidateStreamName, hirestreamEventCatalog, type Actor } from '@hirestream/contracts';
import { EventSerializer, EventStore, type RecordedEvent } from '@hirestream/event-sourcing';
import type { Role } from '@hirestream/platform';
import { postgresDataFolder } from '@hirestream/embedded-postgres';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { plaintextIn } from './support/plaintext-scan';
import { ALWAYS_AVAILABLE, SEEDED_RUBRIC, seededInterviewKit } from './support/hiring-seeds';
import { eventually } from './support/eventually';
import { draftedTerms } from './support/offer-stream-facts';
import {
  freePlatformPorts,
  killLeftovers,
  startPlatform,
  type PlatformPorts,
  type PlatformProcess,
} from './support/platform-process';
import { makeTempDir, removeTempDir } from './support/temp-dir';
import { bearer } from './support/tokens';

// The hiring process end to end, as `npm start` runs it: every service in its
// own process on the embedded servers (EventStoreDB, Kafka, PostgreSQL, the
// screening provider, SMTP with its mailbox), driven only through the services'
// HTTP APIs with development tokens; the services' reactions over Kafka do the
// rest. Each journey ends by reading the whole candidate stream: its event types
// in order, who did each, and the correlation and causation chain.
//
// Time is compressed where the process waits on the wall clock: interviews are
// booked seconds ahead (the API books no past, and only a started interview can
// be completed), an interview day's sessions and lunch break last seconds, and an
// offer expires 20 s after it is drafted. The adverse-action window (5 business
// days) passes as a restart does: the platform is stopped and started again with
// CLOCK_SHIFT_SECONDS a fortnight ahead, so that journey runs last.

const START_TIMEOUT_MS = 120_000;
const JOB_ID = 'job-1';
const KIND = 'technical';

type Json = Record<string, unknown>;
type Service = 'candidates' | 'scheduling' | 'assessment' | 'background-checks' | 'offers';
type Caller = Readonly<{ subject: string; role: Role; candidateId?: string }>;
type Event = RecordedEvent<{ type: string; data: Json }>;

let dataDir: string;
let ports: PlatformPorts;
let platform: PlatformProcess | undefined;
let client: EventStoreDBClient;
let store: EventStore;

/** The correlation id of every request this file sent (a read may record a reveal), with who sent it. */
const commandRoots = new Map<string, Actor>();

async function startHirestream(env: Record<string, string> = {}): Promise<void> {
  platform = startPlatform({ dataDir, ports, via: 'node', env });
  await platform.waitForLine('hirestream is ready', START_TIMEOUT_MS);
}

async function stopHirestream(): Promise<void> {
  const running = platform;
  platform = undefined;
  if (running === undefined) return;
  running.launcher.kill('SIGINT');
  expect(await running.exited).toBe(0);
}

beforeAll(async () => {
  dataDir = await makeTempDir('hiring-journeys');
  ports = await freePlatformPorts();
  await startHirestream();
  client = EventStoreDBClient.connectionString`esdb://127.0.0.1:${String(ports.eventstore)}?tls=false`;
  store = new EventStore(client, new EventSerializer(hirestreamEventCatalog));
}, START_TIMEOUT_MS);

afterAll(async () => {
  await client?.dispose();
  await stopHirestream().finally(killLeftovers);
  await removeTempDir(dataDir);
}, 60_000);

const url = (service: Service | 'mailbox', path: string) =>
  `http://127.0.0.1:${ports[service]}${path}`;

const staff = (role: Role, subject = `${role}-1`): Caller => ({ role, subject });
const candidateCaller = (candidateId: string): Caller => ({
  role: 'candidate',
  subject: `person-${candidateId}`,
  candidateId,
});

async function call(
  service: Service,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  caller: Caller,
  body?: Json,
): Promise<{ status: number; body: Json }> {
  const correlationId = randomUUID();
  commandRoots.set(correlationId, { id: caller.subject, role: caller.role });
  const response = await fetch(url(service, path), {
    method,
    headers: {
      authorization: await bearer(caller.subject, [caller.role], caller.candidateId),
      'x-correlation-id': correlationId,
      ...(body === undefined
        ? {}
        : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Json) };
}

/** A command that must succeed; its answer. */
async function command(
  service: Service,
  method: 'POST' | 'PUT',
  path: string,
  caller: Caller,
  body: Json = {},
): Promise<Json> {
  const answer = await call(service, method, path, caller, body);
  if (answer.status >= 300) {
    throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

async function read(service: Service, path: string, caller: Caller = staff('recruiter')) {
  return call(service, 'GET', path, caller);
}

async function streamOf(candidateId: string): Promise<Event[]> {
  const { events } = await store.readStream(candidateStreamName(candidateId));
  return events as unknown as Event[];
}

async function untilStage(candidateId: string, stage: string): Promise<Json> {
  return eventually(`the candidate in ${stage}`, async () => {
    const { body } = await read('candidates', `/candidates/${candidateId}`);
    return body.stage === stage ? body : undefined;
  });
}

type Mail = Readonly<{ kind: string | null; subject: string; to: readonly string[] }>;

async function mailOf(candidateId: string): Promise<Mail[]> {
  const response = await fetch(url('mailbox', `/api/messages?candidate=${candidateId}`));
  return ((await response.json()) as { messages: Mail[] }).messages;
}

/**
 * Waits until the candidate's mailbox holds exactly `kinds`, each once: in the
 * order given where one message's event caused the next's, though two messages
 * told of events on different topics (a stage change, and the check it started)
 * may arrive in either order, so the comparison is of the sorted lists, with the
 * first message (the application received) checked first.
 */
async function untilMailbox(candidateId: string, kinds: readonly string[]): Promise<Mail[]> {
  return eventually(
    `the mailbox of ${candidateId} to hold ${kinds.join(', ')}`,
    async () => {
      const mail = await mailOf(candidateId);
      return mail.length >= kinds.length ? mail : undefined;
    },
    30_000,
  ).then((mail) => {
    const received = mail.map(({ kind }) => kind);
    expect(received[0]).toBe(kinds[0]);
    expect([...received].sort()).toEqual([...kinds].sort());
    return mail;
  });
}

/**
 * The correlation and causation chain of a stream: an event is either caused
 * by an earlier event of the stream and shares its correlation (a reaction, or
 * a command's further events), or is a command root (causation = correlation),
 * each of which must be a command this file sent, with its caller as the actor.
 * Returns the roots that are not (types and actors), for the test to name.
 */
function chainOf(events: readonly Event[]): string[] {
  const unrooted: string[] = [];
  events.forEach(({ event, metadata }, index) => {
    const { correlationId, causationId, actor } = metadata;
    if (causationId === correlationId) {
      const sender = commandRoots.get(correlationId);
      if (sender === undefined) unrooted.push(`${event.type} by ${actor.role}:${actor.id}`);
      else expect([event.type, actor]).toEqual([event.type, sender]);
      return;
    }
    const cause = events
      .slice(0, index)
      .find((earlier) => earlier.metadata.eventId === causationId);
    expect([event.type, cause?.event.type]).toEqual([event.type, expect.any(String)]);
    expect([event.type, correlationId]).toEqual([event.type, cause?.metadata.correlationId]);
  });
  expect(commandRoots.get(events[0].metadata.correlationId)).toEqual({
    id: 'recruiter-1',
    role: 'recruiter',
  });
  return unrooted;
}

/** Each event as `Type by role:id`. */
const actorsOf = (events: readonly Event[]) =>
  events.map(
    ({ event, metadata }) => `${event.type} by ${metadata.actor.role}:${metadata.actor.id}`,
  );

const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z');
const isoAfter = (iso: string, ms: number) =>
  new Date(Date.parse(iso) + ms).toISOString().replace(/\.\d+Z$/, 'Z');

async function registered(fullName: string, email: string): Promise<string> {
  const { id } = await command('candidates', 'POST', '/candidates', staff('recruiter'), {
    fullName,
    email,
    jobId: JOB_ID,
    source: 'referral',
  });
  return String(id);
}

async function screenedAndInterviewing(candidateId: string): Promise<void> {
  await command('candidates', 'POST', `/candidates/${candidateId}/screening`, staff('recruiter'), {
    passed: true,
  });
  await command('candidates', 'POST', `/candidates/${candidateId}/stage`, staff('recruiter'), {
    to: 'interviewing',
  });
}

/** Completes an interview as soon as it has started (retrying while it has not). */
async function completeOnceStarted(candidateId: string, interviewId: string): Promise<void> {
  await eventually(
    `interview ${interviewId} to start and be completed`,
    async () => {
      const answer = await call(
        'scheduling',
        'POST',
        `/candidates/${candidateId}/interviews/${interviewId}/completion`,
        staff('coordinator'),
        {},
      );
      if (answer.status === 200) return true;
      expect(answer.status).toBe(409);
      return undefined;
    },
    60_000,
  );
}

const scorecard = (recommendation: string) => ({
  ratings: SEEDED_RUBRIC.criteria.map(({ criterionId }) => ({ criterionId, rating: 3 })),
  strengths: 'Weighed the trade-offs aloud',
  concerns: 'Could test the edge cases more',
  notes: null,
  recommendation,
});

/** Each panelist's feedback, once their request has arrived: each sees the others' only after their own. */
async function blindFeedback(
  candidateId: string,
  interviewId: string,
  panel: readonly string[],
): Promise<void> {
  const feedbackUrl = `/candidates/${candidateId}/interviews/${interviewId}/feedback`;
  for (const [turn, interviewerId] of panel.entries()) {
    const as = staff('interviewer', interviewerId);
    await eventually(`the feedback request of ${interviewerId}`, async () =>
      (await read('assessment', `${feedbackUrl}/mine`, as)).status === 200 ? true : undefined,
    );
    if (turn > 0) {
      const blind = await read('assessment', feedbackUrl, as);
      expect([blind.status, blind.body.rule]).toEqual([409, 'own-feedback-first']);
    }
    await command('assessment', 'POST', feedbackUrl, as, scorecard('yes'));
    const shown = await read('assessment', feedbackUrl, as);
    expect(shown.status).toBe(200);
    expect((shown.body.feedback as unknown[]).length).toBe(turn + 1);
  }
}

async function setUpInterviewers(interviewers: readonly string[]): Promise<void> {
  for (const interviewerId of interviewers) {
    await command(
      'scheduling',
      'PUT',
      `/interviewers/${interviewerId}/availability`,
      staff('coordinator'),
      ALWAYS_AVAILABLE,
    );
  }
}

/** A round-1 video interview with a lead and a question-asker, starting seconds from now. */
async function videoInterviewBooked(
  candidateId: string,
  lead: string,
  asker: string,
): Promise<string> {
  const startsAt = isoIn(3_000);
  const { interviewId } = await command(
    'scheduling',
    'POST',
    `/candidates/${candidateId}/interviews`,
    staff('coordinator'),
    {
      kind: KIND,
      round: 1,
      format: 'video',
      videoLink: 'https://meet.example.org/abc',
      startsAt,
      endsAt: isoAfter(startsAt, 3_600_000),
      candidateTimeZone: 'Europe/London',
      panel: [
        { interviewerId: lead, role: 'lead' },
        { interviewerId: asker, role: 'question-asker' },
      ],
    },
  );
  return String(interviewId);
}

/** The job's interview kit for KIND, on a rubric of its own: feedback then rates its criteria. */
async function setUpInterviewKit(jobId: string): Promise<void> {
  const { rubricId } = await command('assessment', 'POST', '/rubrics', staff('hiring-manager'), {
    ...SEEDED_RUBRIC,
  });
  await command(
    'assessment',
    'PUT',
    `/jobs/${jobId}/interview-kits/${KIND}`,
    staff('hiring-manager'),
    seededInterviewKit(String(rubricId)),
  );
}

async function consentWhenAsked(candidateId: string): Promise<string> {
  const as = candidateCaller(candidateId);
  const view = await eventually('the check to start on the stage change', async () => {
    const answer = await read(
      'background-checks',
      `/candidates/${candidateId}/background-check/for-candidate`,
      as,
    );
    return answer.status === 200 ? answer.body : undefined;
  });
  const checkId = String(view.checkId);
  await command(
    'background-checks',
    'POST',
    `/candidates/${candidateId}/background-checks/${checkId}/consent`,
    as,
    { disclosureSha256: (view.disclosure as Json).sha256 },
  );
  return checkId;
}

type Item = { itemId: string; kind: string; status: string };

/** The provider's results once all are in, then each reference recorded as clear. */
async function itemsCompleted(candidateId: string, checkId: string): Promise<Item[]> {
  const items = await eventually(
    'the provider’s results',
    async () => {
      const { body } = await read(
        'background-checks',
        `/candidates/${candidateId}/background-check`,
      );
      const all = (body.items ?? []) as Item[];
      const fromProvider = all.filter(({ kind }) => kind !== 'reference-check');
      return fromProvider.length > 0 &&
        fromProvider.every(({ status }) => ['clear', 'consider', 'suspended'].includes(status))
        ? all
        : undefined;
    },
    30_000,
  );
  for (const item of items.filter(({ kind }) => kind === 'reference-check')) {
    await command(
      'background-checks',
      'POST',
      `/candidates/${candidateId}/background-checks/${checkId}/items/${item.itemId}/reference`,
      staff('recruiter'),
      {
        referenceName: 'Ada Lovelace',
        relationship: 'Former manager',
        answers: [{ question: 'Would you hire them again?', answer: 'Yes, gladly.' }],
        result: 'clear',
      },
    );
  }
  return items;
}

/** Every step of the L4 chain approves `version`, in order. */
async function approved(offerUrl: string, version: number): Promise<void> {
  for (const approverId of ['approver-hiring-manager', 'approver-department-head']) {
    await command('offers', 'POST', `${offerUrl}/approvals`, staff('approver', approverId), {
      version,
    });
  }
}

describe('hiring journeys across every service, as npm start runs them', () => {
  it('(a) application → interviews → panel day → advance → checks clear → offer → counter → re-approval → accepted → hired', async () => {
    const [lead, asker, panelist1, panelist2] = ['ivy', 'joe', 'kim', 'lou'].map(
      (name) => `interviewer-${name}`,
    );
    await setUpInterviewers([lead, asker, panelist1, panelist2]);
    await setUpInterviewKit(JOB_ID);

    const candidateId = await registered(
      'Grace Hopper',
      `grace-${randomUUID().slice(0, 8)}@example.org`,
    );
    await screenedAndInterviewing(candidateId);
    await untilMailbox(candidateId, ['application-received', 'advancing']);

    // Round 1: a video interview booked seconds ahead, completed once started.
    const interviewId = await videoInterviewBooked(candidateId, lead, asker);
    await completeOnceStarted(candidateId, interviewId);
    await blindFeedback(candidateId, interviewId, [lead, asker]);
    await command(
      'assessment',
      'POST',
      `/candidates/${candidateId}/panel-decisions`,
      staff('hiring-manager'),
      {
        round: 1,
        decision: 'advance',
        advanceTo: 'next-round',
        rationale: 'Both panelists in favour',
        feedbackForCandidate: 'A clear, well-argued design.',
      },
    );

    // Round 2: an interview day, two sessions around a lunch break (seconds long, see above).
    const dayStartsAt = isoIn(3_000);
    const lunchStartsAt = isoAfter(dayStartsAt, 2_000);
    const afternoonStartsAt = isoAfter(lunchStartsAt, 2_000);
    const day = await command(
      'scheduling',
      'POST',
      `/candidates/${candidateId}/interview-days`,
      staff('coordinator'),
      {
        candidateTimeZone: 'America/New_York',
        breaks: [{ title: 'Lunch', startsAt: lunchStartsAt, endsAt: afternoonStartsAt }],
        sessions: [
          [panelist1, dayStartsAt, lunchStartsAt],
          [panelist2, afternoonStartsAt, isoAfter(afternoonStartsAt, 3_600_000)],
        ].map(([interviewerId, from, to], i) => ({
          title: `Session ${i + 1}`,
          kind: KIND,
          round: 2,
          format: 'in-person',
          location: 'HQ, room 4',
          panel: [{ interviewerId, role: 'lead' }],
          startsAt: from,
          endsAt: to,
        })),
      },
    );
    const sessions = (day.sessions as { interviewId: string }[]).map((s) => s.interviewId);
    for (const [i, sessionId] of sessions.entries()) {
      await completeOnceStarted(candidateId, sessionId);
      await blindFeedback(candidateId, sessionId, [[panelist1, panelist2][i]]);
    }
    await command(
      'assessment',
      'POST',
      `/candidates/${candidateId}/panel-decisions`,
      staff('hiring-manager'),
      {
        round: 2,
        decision: 'advance',
        advanceTo: 'background-check',
        rationale: 'A strong day',
        feedbackForCandidate: 'The panel enjoyed the day with you.',
      },
    );
    await untilStage(candidateId, 'background-check');

    // The check, started by the stage change: consent, the provider's results, the references.
    const checkId = await consentWhenAsked(candidateId);
    const items = await itemsCompleted(candidateId, checkId);
    expect(
      items.every(({ status, kind }) => kind === 'reference-check' || status === 'clear'),
    ).toBe(true);
    await untilStage(candidateId, 'offer');

    // The offer: drafted, approved, extended; countered; a better version approved again, extended, accepted.
    const { offerId } = await command(
      'offers',
      'POST',
      `/candidates/${candidateId}/offers`,
      staff('recruiter'),
      { ...draftedTerms() },
    );
    const offerUrl = `/candidates/${candidateId}/offers/${String(offerId)}`;
    await approved(offerUrl, 1);
    await command('offers', 'POST', `${offerUrl}/extension`, staff('recruiter'), { version: 1 });
    await command('offers', 'POST', `${offerUrl}/counter`, candidateCaller(candidateId), {
      version: 1,
      proposals: [{ term: 'base-salary', proposal: 'EUR 85,000' }],
      message: 'I would ask for a little more.',
    });
    const raised = await command('offers', 'POST', `${offerUrl}/versions`, staff('recruiter'), {
      ...draftedTerms({ baseSalary: { amountMinor: 8_500_000, currency: 'EUR' } }),
    });
    expect(raised).toMatchObject({ version: 2, status: 'awaiting-approval' });
    await approved(offerUrl, 2);
    await command('offers', 'POST', `${offerUrl}/extension`, staff('recruiter'), { version: 2 });
    await command('offers', 'POST', `${offerUrl}/acceptance`, candidateCaller(candidateId), {
      version: 2,
      signedName: 'Grace Hopper',
    });
    await untilStage(candidateId, 'hired');

    const mail = await untilMailbox(candidateId, [
      'application-received',
      'advancing',
      'interview-scheduled',
      'advancing',
      'interview-day-scheduled',
      'advancing',
      'background-check-consent-requested',
      'advancing',
      'offer-extended',
      'offer-extended',
    ]);
    expect(new Set(mail.flatMap(({ to }) => to)).size).toBe(1);

    const events = await streamOf(candidateId);
    const candidate = `candidate:person-${candidateId}`;
    const provider = 'system:screening-provider';
    expect(actorsOf(events)).toEqual(
      [
        ['CandidateRegistered', 'recruiter:recruiter-1'],
        ['CandidateStageChanged', 'recruiter:recruiter-1'],
        ['ScreeningRecorded', 'recruiter:recruiter-1'],
        ['CandidateStageChanged', 'recruiter:recruiter-1'],
        ['InterviewScheduled', 'coordinator:coordinator-1'],
        ['InterviewCompleted', 'coordinator:coordinator-1'],
        ['FeedbackRequested', 'system:assessment'],
        ['FeedbackRequested', 'system:assessment'],
        ['FeedbackSubmitted', `interviewer:${lead}`],
        ['FeedbackSubmitted', `interviewer:${asker}`],
        ['FeedbackRevealed', `interviewer:${asker}`],
        ['PanelDecisionRecorded', 'hiring-manager:hiring-manager-1'],
        ['InterviewDayScheduled', 'coordinator:coordinator-1'],
        ['InterviewCompleted', 'coordinator:coordinator-1'],
        ['FeedbackRequested', 'system:assessment'],
        ['FeedbackSubmitted', `interviewer:${panelist1}`],
        ['InterviewCompleted', 'coordinator:coordinator-1'],
        ['FeedbackRequested', 'system:assessment'],
        ['FeedbackSubmitted', `interviewer:${panelist2}`],
        ['PanelDecisionRecorded', 'hiring-manager:hiring-manager-1'],
        ['CandidateStageChanged', 'system:candidates'],
        ['BackgroundCheckInitiated', 'system:background-checks'],
        ['BackgroundCheckConsentGiven', candidate],
        ['BackgroundCheckOrdered', 'system:background-checks'],
        ['BackgroundCheckItemStarted', provider],
        ['BackgroundCheckItemStarted', provider],
        ['BackgroundCheckItemStarted', provider],
        ['BackgroundCheckItemResulted', provider],
        ['BackgroundCheckItemResulted', provider],
        ['BackgroundCheckItemResulted', provider],
        ['ReferenceCheckRecorded', 'recruiter:recruiter-1'],
        ['ReferenceCheckRecorded', 'recruiter:recruiter-1'],
        ['BackgroundCheckCompleted', 'recruiter:recruiter-1'],
        ['CandidateStageChanged', 'system:candidates'],
        ['OfferDrafted', 'recruiter:recruiter-1'],
        ['OfferApproved', 'approver:approver-hiring-manager'],
        ['OfferApproved', 'approver:approver-department-head'],
        ['OfferExtended', 'recruiter:recruiter-1'],
        ['OfferCountered', candidate],
        ['OfferDrafted', 'recruiter:recruiter-1'],
        ['OfferApproved', 'approver:approver-hiring-manager'],
        ['OfferApproved', 'approver:approver-department-head'],
        ['OfferExtended', 'recruiter:recruiter-1'],
        ['OfferAccepted', candidate],
        ['CandidateHired', 'system:candidates'],
      ].map(([type, actor]) => `${type} by ${actor}`),
    );
    // Links not to a request of this file: the provider's webhooks start their own stories (the
    // order placed by the consent's timer is caused by the consent, in its story).
    expect(chainOf(events)).toEqual([
      ...Array.from({ length: 3 }, () => `BackgroundCheckItemStarted by ${provider}`),
      ...Array.from({ length: 3 }, () => `BackgroundCheckItemResulted by ${provider}`),
    ]);
  }, 150_000);

  it('(c) an offer left to expire: reminded, expired once at its instant, a late acceptance refused', async () => {
    const candidateId = await registered(
      'Alan Turing',
      `alan-${randomUUID().slice(0, 8)}@example.org`,
    );
    await screenedAndInterviewing(candidateId);
    await command('candidates', 'POST', `/candidates/${candidateId}/stage`, staff('recruiter'), {
      to: 'offer',
    });
    const expiresAt = isoIn(20_000);
    const { offerId } = await command(
      'offers',
      'POST',
      `/candidates/${candidateId}/offers`,
      staff('recruiter'),
      { ...draftedTerms({ expiresAt, contingencies: [] }) },
    );
    const offerUrl = `/candidates/${candidateId}/offers/${String(offerId)}`;
    await approved(offerUrl, 1);
    await command('offers', 'POST', `${offerUrl}/extension`, staff('recruiter'), { version: 1 });

    const expired = await eventually(
      'the offer to expire',
      async () => {
        const found = (await streamOf(candidateId)).filter(
          ({ event }) => event.type === 'OfferExpired',
        );
        return found.length > 0 ? found : undefined;
      },
      60_000,
    );
    expect(Date.parse(expired[0].metadata.occurredAt)).toBeGreaterThanOrEqual(
      Date.parse(expiresAt),
    );
    const late = await call(
      'offers',
      'POST',
      `${offerUrl}/acceptance`,
      candidateCaller(candidateId),
      {
        version: 1,
        signedName: 'Alan Turing',
      },
    );
    expect([late.status, late.body.rule]).toEqual([409, 'offer-expired']);

    await untilMailbox(candidateId, [
      'application-received',
      'advancing',
      'advancing',
      'offer-extended',
      'offer-expiring-soon',
    ]);
    const events = await streamOf(candidateId);
    expect(actorsOf(events)).toEqual(
      [
        ['CandidateRegistered', 'recruiter:recruiter-1'],
        ['CandidateStageChanged', 'recruiter:recruiter-1'],
        ['ScreeningRecorded', 'recruiter:recruiter-1'],
        ['CandidateStageChanged', 'recruiter:recruiter-1'],
        ['CandidateStageChanged', 'recruiter:recruiter-1'],
        ['OfferDrafted', 'recruiter:recruiter-1'],
        ['OfferApproved', 'approver:approver-hiring-manager'],
        ['OfferApproved', 'approver:approver-department-head'],
        ['OfferExtended', 'recruiter:recruiter-1'],
        ['OfferExpired', 'system:offers'],
      ].map(([type, actor]) => `${type} by ${actor}`),
    );
    // The expiry is caused by the extension (its timer), in its story: every event links back.
    expect(chainOf(events)).toEqual([]);
  }, 120_000);

  it('(d) interviews and feedback, then the person erased: no name, e-mail or phone left in any store or log, and the history still replays', async () => {
    const [lead, asker] = ['mia', 'ned'].map((name) => `interviewer-${name}`);
    await setUpInterviewers([lead, asker]);
    const jobId = 'job-erasure';
    await setUpInterviewKit(jobId);
    const unique = randomUUID().slice(0, 8);
    const person = {
      fullName: `Erasmus Quillfeather ${unique}`,
      email: `erasmus.${unique}@example.org`,
      phone: `+44 20 7946 ${unique.replace(/\D/g, '0').slice(0, 4)}`,
    };
    const { id } = await command('candidates', 'POST', '/candidates', staff('recruiter'), {
      ...person,
      jobId,
      source: 'referral',
    });
    const candidateId = String(id);
    await screenedAndInterviewing(candidateId);
    await untilMailbox(candidateId, ['application-received', 'advancing']);
    const interviewId = await videoInterviewBooked(candidateId, lead, asker);
    await completeOnceStarted(candidateId, interviewId);
    await blindFeedback(candidateId, interviewId, [lead, asker]);
    expect((await read('candidates', `/candidates/${candidateId}`)).body).toMatchObject(person);

    await command(
      'candidates',
      'POST',
      `/candidates/${candidateId}/personal-data-erasure`,
      staff('admin'),
      { reason: 'person-asked' },
    );
    const erased = await read('candidates', `/candidates/${candidateId}`);
    expect(erased.body).toMatchObject({
      fullName: '[erased]',
      email: '[erased]',
      phone: '[erased]',
    });
    const history = await read('candidates', `/candidates/${candidateId}/history`);
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).not.toContain(person.fullName);
    const types = (await streamOf(candidateId)).map(({ event }) => event.type);
    expect(types).toEqual(expect.arrayContaining(['CandidateRegistered', 'PersonalDataErased']));
    await eventually('the candidate list to show the erasure', async () => {
      const list = await read('candidates', `/candidates?jobId=${jobId}&limit=200`);
      const row = (list.body.items as Json[]).find((item) => item.id === candidateId);
      return row?.fullName === '[erased]' ? true : undefined;
    });

    const stores = [
      join(dataDir, 'eventstore'),
      join(dataDir, 'kafka'),
      postgresDataFolder(join(dataDir, 'postgres')),
      join(dataDir, 'logs'),
    ];
    const texts = [person.fullName, person.email, person.phone];
    // Where EventStoreDB holds any (the event, by stream and type), to say which writer leaked it.
    const events: string[] = [];
    for await (const { event } of client.readAll()) {
      const stored = JSON.stringify([event?.data ?? null, event?.metadata ?? null]);
      if (texts.some((text) => stored.includes(text)))
        events.push(`${event?.streamId} ${event?.type}`);
    }
    expect({ files: await plaintextIn(stores, texts), events }).toEqual({ files: [], events: [] });
    // The scan sees plaintext where there is some: the mail the candidate was sent, caught by SMTP.
    expect(await plaintextIn([join(dataDir, 'smtp')], [person.fullName])).not.toEqual([]);
  }, 150_000);

  // Last: it restarts the platform with its clocks ahead, as a week passing would.
  it('(b) a check comes back consider → notice → dispute → upheld → the window ends → final action → rejected', async () => {
    const candidateId = await registered(
      'Joan Clarke',
      `joan-${randomUUID().slice(0, 8)}+consider@example.org`,
    );
    await screenedAndInterviewing(candidateId);
    await command('candidates', 'POST', `/candidates/${candidateId}/stage`, staff('recruiter'), {
      to: 'background-check',
    });
    const checkId = await consentWhenAsked(candidateId);
    const items = await itemsCompleted(candidateId, checkId);
    const considered = items.find(({ status }) => status === 'consider');
    expect(considered).toBeDefined();
    const checkUrl = `/candidates/${candidateId}/background-checks/${checkId}`;
    await eventually('the check to complete', async () => {
      const { body } = await read(
        'background-checks',
        `/candidates/${candidateId}/background-check`,
      );
      return body.phase === 'completed' ? true : undefined;
    });
    await command(
      'background-checks',
      'POST',
      `${checkUrl}/items/${considered?.itemId}/adjudication`,
      staff('recruiter'),
      { decision: 'adverse-action', reason: 'A conviction relevant to the role' },
    );
    await command(
      'background-checks',
      'POST',
      `${checkUrl}/pre-adverse-action-notice`,
      staff('recruiter'),
      {
        reportCopyReference: 'https://reports.example.org/copies/joan',
      },
    );
    await command(
      'background-checks',
      'POST',
      `${checkUrl}/dispute`,
      candidateCaller(candidateId),
      {
        text: 'That record is not mine.',
      },
    );
    await command(
      'background-checks',
      'POST',
      `${checkUrl}/dispute-resolution`,
      staff('recruiter'),
      {
        resolution: 'upheld',
        reason: 'The court record matches the candidate',
      },
    );
    const early = await call(
      'background-checks',
      'POST',
      `${checkUrl}/final-adverse-action`,
      staff('recruiter'),
      {
        reason: 'No new facts',
      },
    );
    expect([early.status, early.body.rule]).toEqual([409, 'adverse-action-window-open']);

    // A fortnight passes: the platform restarts with its clocks ahead, and the window's timer
    // fires at the background-checks service's start.
    await stopHirestream();
    await startHirestream({ CLOCK_SHIFT_SECONDS: String(14 * 86_400) });
    await eventually(
      'the window to end',
      async () =>
        (await streamOf(candidateId)).some(
          ({ event }) => event.type === 'AdverseActionWindowElapsed',
        )
          ? true
          : undefined,
      60_000,
    );
    await command(
      'background-checks',
      'POST',
      `${checkUrl}/final-adverse-action`,
      staff('recruiter'),
      {
        reason: 'The conviction is relevant to the role',
      },
    );
    const rejected = await untilStage(candidateId, 'rejected');
    expect(rejected).toMatchObject({ rejection: { category: 'adverse-action' } });

    await untilMailbox(candidateId, [
      'application-received',
      'advancing',
      'advancing',
      'background-check-consent-requested',
      'pre-adverse-action-notice',
      'final-adverse-action-notice',
    ]);
    const events = await streamOf(candidateId);
    const candidate = `candidate:person-${candidateId}`;
    const provider = 'system:screening-provider';
    expect(actorsOf(events)).toEqual(
      [
        ['CandidateRegistered', 'recruiter:recruiter-1'],
        ['CandidateStageChanged', 'recruiter:recruiter-1'],
        ['ScreeningRecorded', 'recruiter:recruiter-1'],
        ['CandidateStageChanged', 'recruiter:recruiter-1'],
        ['CandidateStageChanged', 'recruiter:recruiter-1'],
        ['BackgroundCheckInitiated', 'system:background-checks'],
        ['BackgroundCheckConsentGiven', candidate],
        ['BackgroundCheckOrdered', 'system:background-checks'],
        ['BackgroundCheckItemStarted', provider],
        ['BackgroundCheckItemStarted', provider],
        ['BackgroundCheckItemStarted', provider],
        ['BackgroundCheckItemResulted', provider],
        ['BackgroundCheckItemResulted', provider],
        ['BackgroundCheckItemResulted', provider],
        ['ReferenceCheckRecorded', 'recruiter:recruiter-1'],
        ['ReferenceCheckRecorded', 'recruiter:recruiter-1'],
        ['BackgroundCheckCompleted', 'recruiter:recruiter-1'],
        ['ConsiderItemAdjudicated', 'recruiter:recruiter-1'],
        ['PreAdverseActionNoticeSent', 'recruiter:recruiter-1'],
        ['AdverseActionDisputed', candidate],
        ['AdverseActionDisputeResolved', 'recruiter:recruiter-1'],
        ['AdverseActionWindowElapsed', 'system:background-checks'],
        ['FinalAdverseActionTaken', 'recruiter:recruiter-1'],
        ['CandidateRejected', 'system:candidates'],
      ].map(([type, actor]) => `${type} by ${actor}`),
    );
    // The window's end is caused by the resolution that set its timer; only the provider's
    // webhooks start stories of their own.
    expect(chainOf(events)).toEqual([
      ...Array.from({ length: 3 }, () => `BackgroundCheckItemStarted by ${provider}`),
      ...Array.from({ length: 3 }, () => `BackgroundCheckItemResulted by ${provider}`),
    ]);
  }, 240_000);
});

import { AppendedEvents } from '../support/appended-events';
import type { HiringSeeds } from '../support/hiring-seeds';
import type { ServiceApp } from '../support/service-app';
import { NO_BODY, NULL_BODY } from './fuzz-requests';

/**
 * A service bug the fuzz found that is not fixed yet. The fuzz lets the
 * problems it explains pass, so that it keeps checking everything else; its
 * `fixed` check fails while the bug lasts (the spec runs it as `it.failing`),
 * so the day it is fixed that case fails: then delete the entry.
 */
export type KnownBug = Readonly<{
  name: string;
  /** Whether a problem the fuzz found, or a reason it called a request invalid, is this bug. */
  explains: (problem: string) => boolean;
  /** Asserts the right behaviour on one request that shows the bug. */
  fixed: (apps: Readonly<Record<string, ServiceApp>>, seeds: HiringSeeds) => Promise<void>;
}>;

/** The request sent through the harness, which throws when the answer is not the documented one. */
async function statusOf(
  app: ServiceApp,
  request: Parameters<ServiceApp['inject']>[0],
): Promise<number> {
  return (await app.inject(request)).statusCode;
}

/**
 * Whether `problem` says a 409 appended nothing but calendar steps undone at
 * once: per interviewer-calendar stream, slots reserved, then as many released
 * or put back.
 */
function isUndoneReservation(problem: string): boolean {
  const appended = /^answered 409 yet appended (.+)$/.exec(problem)?.[1];
  if (appended === undefined) return false;
  const perStream = new Map<string, string[]>();
  for (const item of appended.split(', ')) {
    const [type, stream] = item.split(' to ');
    perStream.set(stream, [...(perStream.get(stream) ?? []), type]);
  }
  const SLOT_EVENTS = ['InterviewerSlotReserved', 'InterviewerSlotReleased'];
  return [...perStream].every(
    ([stream, types]) =>
      stream.startsWith('interviewer-calendar-') &&
      types[0] === 'InterviewerSlotReserved' &&
      types.length % 2 === 0 &&
      types.every((type) => SLOT_EVENTS.includes(type)),
  );
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    name:
      'a refused booking appends events: POST /candidates/{id}/interviews with a free and a double-booked panelist ' +
      "answers 409 after appending InterviewerSlotReserved and InterviewerSlotReleased to the free one's calendar " +
      '(the calendar hold reserves each panelist, then undoes)',
    explains: isUndoneReservation,
    async fixed({ scheduling }, seeds) {
      const [booked, refused] = [
        await seeds.interviewingCandidate(),
        await seeds.interviewingCandidate(),
      ];
      await seeds.interview(booked, ['known-bug-busy'], '2032-06-01T09:00:00Z');
      const watch = new AppendedEvents(scheduling.store.client);
      const mark = await watch.mark();
      const status = await statusOf(scheduling, {
        method: 'POST',
        url: `/candidates/${refused}/interviews`,
        as: 'coordinator',
        payload: {
          kind: 'technical',
          round: 1,
          format: 'phone',
          startsAt: '2032-06-01T09:30:00Z',
          endsAt: '2032-06-01T10:30:00Z',
          candidateTimeZone: 'UTC',
          panel: [
            { interviewerId: 'known-bug-free', role: 'lead' },
            { interviewerId: 'known-bug-busy', role: 'shadow' },
          ],
        },
      });
      expect({ status, appended: await watch.since(mark) }).toEqual({ status: 409, appended: [] });
    },
  },
  {
    name:
      "Fastify's own refusals are not problem documents: a bad percent-escape in the path (400 FST_ERR_BAD_URL) " +
      'and a path parameter over 100 characters (414 FST_ERR_MAX_PARAM_LENGTH) answer application/json; no operation documents 414',
    explains: (problem) => /→ 400 answers application\/json,|→ 414 is not documented/.test(problem),
    async fixed({ candidates }) {
      expect(
        await statusOf(candidates, { method: 'GET', url: '/candidates/%FF', as: 'admin' }),
      ).toBe(400);
      const long = await statusOf(candidates, {
        method: 'GET',
        url: `/candidates/${'x'.repeat(101)}`,
        as: 'admin',
      });
      expect([400, 414]).toContain(long);
    },
  },
  {
    name: 'a body in a media type the services do not read (none named, application/xml…) answers 415, which no operation documents',
    explains: (problem) => /→ 415 is not documented/.test(problem),
    async fixed({ candidates }) {
      const status = await statusOf(candidates, {
        method: 'POST',
        url: '/candidates',
        headers: { 'content-type': 'application/xml' },
        payload: '<candidate/>',
        as: 'recruiter',
      });
      expect(status).toBe(415);
    },
  },
  {
    name: 'a JSON null body is read as {}: POST /candidates/{id}/withdrawal answers 200 to the body null',
    explains: (problem) => problem === NULL_BODY,
    async fixed({ candidates }, seeds) {
      const candidateId = await seeds.appliedCandidate();
      const status = await statusOf(candidates, {
        method: 'POST',
        url: `/candidates/${candidateId}/withdrawal`,
        headers: { 'content-type': 'application/json' },
        payload: 'null',
        as: 'recruiter',
      });
      expect(status).toBe(400);
    },
  },
  {
    name:
      'the document requires a body on every operation that reads one, yet POST /candidates/{id}/withdrawal ' +
      '(all of whose fields are optional) answers 200 to a request without one',
    explains: (problem) => problem === NO_BODY,
    async fixed({ candidates }, seeds) {
      const candidateId = await seeds.appliedCandidate();
      const body = candidates.document.paths['/candidates/{id}/withdrawal'].post.requestBody;
      const status = await statusOf(candidates, {
        method: 'POST',
        url: `/candidates/${candidateId}/withdrawal`,
        as: 'recruiter',
      });
      // Either fix will do: refuse the request, or stop documenting the body as required.
      expect({ refused: status === 400 }).toEqual({ refused: body?.required === true });
    },
  },
];

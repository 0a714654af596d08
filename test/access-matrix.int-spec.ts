import { candidateStreamName } from '@hirestream/contracts';
import { ROLES, type Role } from '@hirestream/platform';
import {
  AppendedEvents,
  auditAppOptions,
  assignmentSeeds,
  checkSeeds,
  eventually,
  hiringSeeds,
  SEEDED_CHECK_ITEM_ID,
  interviewGuideSeeds,
  offerSeeds,
  operationsOf,
  serviceNames,
  useServiceApps,
  whenReady,
  type OpenApiOperation,
  type ServiceApp,
} from '@hirestream/testing';
import {
  ACCESS_DECISIONS,
  type AccessDecision,
  type OperationAccess,
} from './access/access-decisions';
import {
  ACCESS_REQUESTS,
  accessWorlds,
  FOREIGN_INTERVIEWER,
  OWN_INTERVIEWER,
  type AccessRequestParts,
  type AccessWorld,
} from './access/access-world';
import { validSample } from './fuzz/schema-arbitraries';

// Every role against every operation of every service, on the caller's own
// resource and on another's, held to the decisions of test/access/access-decisions.ts;
// and every operation without a token. A documented operation missing from the
// table fails, as does an entry for an operation no service documents.

type Whose = 'own' | 'foreign';
const whoseOf = (access: OperationAccess): Whose[] =>
  access.resource === 'none' ? ['own'] : ['own', 'foreign'];

const entries = Object.entries(ACCESS_DECISIONS).flatMap(([service, table]) =>
  Object.entries(table).map(([operationId, access]) => ({ service, operationId, access })),
);
const CASES = entries.reduce((n, { access }) => n + ROLES.length * whoseOf(access).length, 0);

const services = serviceNames();
// The audit service asks every other service over HTTP, and anchors every second.
const apps = useServiceApps(
  Object.fromEntries(
    services.map((name) => [
      name,
      name === 'audit' ? auditAppOptions({ ANCHOR_INTERVAL_SECONDS: '1' }) : {},
    ]),
  ),
);

let newWorld: () => Promise<AccessWorld>;
/** The world of every case that changes nothing, or may not. */
let shared: AccessWorld;
beforeAll(async () => {
  for (const service of services) await whenReady(apps[service]);
  newWorld = accessWorlds(
    hiringSeeds({ candidates: apps.candidates, scheduling: apps.scheduling }),
    interviewGuideSeeds({ assessment: apps.assessment }),
    assignmentSeeds({ assessment: apps.assessment }),
    offerSeeds({ offers: apps.offers }),
    checkSeeds({ candidates: apps.candidates, 'background-checks': apps['background-checks'] }),
  );
  shared = await newWorld();
  // Refusals change nothing, so once anchored the shared world's streams stay as anchored.
  for (const { candidateId } of [shared.own, shared.foreign]) {
    await eventually(`an anchor of candidate ${candidateId}`, async () => {
      const anchor = await apps.audit.inject({
        method: 'GET',
        url: `/streams/${candidateStreamName(candidateId)}/anchor`,
        as: 'auditor',
      });
      return anchor.statusCode === 200 ? true : undefined;
    });
  }
});

function operationOf(service: string, operationId: string): OpenApiOperation {
  const operation = operationsOf(service, apps[service].document).find(
    (candidate) => candidate.operationId === operationId,
  );
  if (operation === undefined) {
    throw new Error(
      `${service} documents no operation ${operationId}: remove it from test/access/access-decisions.ts`,
    );
  }
  return operation;
}

/** The path with its parameters naming the world's resources: the caller's own or another's. */
function pathOf(operation: OpenApiOperation, world: AccessWorld, whose: Whose): string {
  const candidacy = world[whose];
  const named: Record<string, string> = {
    candidates: candidacy.candidateId,
    interviews: candidacy.interviewId,
    'interview-days': candidacy.dayId,
    interviewers: whose === 'own' ? OWN_INTERVIEWER : FOREIGN_INTERVIEWER,
    rubrics: world.guides.rubricId,
    versions: '1',
    jobs: world.guides.jobId,
    'interview-kits': world.guides.kind,
    assignments: candidacy.assignmentId,
    offers: candidacy.offerId,
    'background-checks': candidacy.checkId,
    'erasure-requests': candidacy.erasureRequestId,
    items: SEEDED_CHECK_ITEM_ID,
    streams: candidateStreamName(candidacy.candidateId),
  };
  const segments = operation.path.split('/');
  return segments
    .map((segment, i) => {
      if (!segment.startsWith('{')) return segment;
      const id = named[segments[i - 1]];
      if (id === undefined) {
        throw new Error(`${operation.name}: the access matrix cannot name a ${segments[i - 1]}`);
      }
      return id;
    })
    .join('/');
}

/** The query and body of a valid request: from ACCESS_REQUESTS, or sampled from the schemas. */
function partsOf(operation: OpenApiOperation, world: AccessWorld, whose: Whose) {
  const built: AccessRequestParts = ACCESS_REQUESTS[operation.operationId]?.(
    world,
    world[whose],
  ) ?? {
    payload:
      operation.body === undefined
        ? undefined
        : (validSample(operation.body) as Record<string, unknown>),
  };
  const query = new URLSearchParams(built.query).toString();
  return { query: query === '' ? '' : `?${query}`, payload: built.payload, headers: built.headers };
}

async function authorizationOf(app: ServiceApp, role: Role, world: AccessWorld): Promise<string> {
  if (role === 'candidate') return app.bearer('candidate', 'candidate-1', world.own.candidateId);
  return app.bearer(role, role === 'interviewer' ? OWN_INTERVIEWER : undefined);
}

/** How the answer reads as an access decision; anything else (a 400, a 5xx) is a failure of its own. */
function decisionOf(status: number): AccessDecision | 'unauthenticated' | undefined {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  // 503: a dependency is unavailable (readiness), which says nothing about access.
  return status === 400 || (status >= 500 && status !== 503) ? undefined : 'allowed';
}

type Case = Readonly<{ label: string; authorization?: string; whose: Whose; world: AccessWorld }>;

/** What is wrong with the answer to the case; undefined when it is the expected decision. */
async function mismatchOf(
  app: ServiceApp,
  operation: OpenApiOperation,
  { label, authorization, whose, world }: Case,
  expected: AccessDecision | 'unauthenticated',
): Promise<string | undefined> {
  const { query, payload, headers } = partsOf(operation, world, whose);
  const watch = new AppendedEvents(app.store.client);
  const mark = await watch.mark();
  const response = await app.inject({
    method: operation.method as 'GET',
    url: `${pathOf(operation, world, whose)}${query}`,
    payload,
    headers: { ...headers, ...(authorization === undefined ? {} : { authorization }) },
  });
  const appended = await watch.since(mark);
  const answered = decisionOf(response.statusCode);
  const problems: string[] = [];
  if (answered !== expected) problems.push(`expected ${expected}`);
  if (response.statusCode >= 300 && appended.length > 0) {
    problems.push(`appended ${appended.map((event) => event.type).join(', ')} all the same`);
  }
  if (problems.length === 0) return undefined;
  return `${label}: ${problems.join('; ')}, got ${response.statusCode} ${response.body.slice(0, 300)}`;
}

/** Commands an allowed caller runs get a world of their own, so each finds the state seeded. */
const changesState = (operation: OpenApiOperation, access: OperationAccess) =>
  operation.method !== 'GET' && access.resource === 'candidacy';

describe(`access matrix: ${entries.length} operations × ${ROLES.length} roles × own/foreign resource = ${CASES} cases, and each operation without a token`, () => {
  it('has a decision for every operation the services document, and for no other', () => {
    const documented = services.flatMap((service) =>
      operationsOf(service, apps[service].document).map((o) => `${service} ${o.operationId}`),
    );
    const decided = entries.map(({ service, operationId }) => `${service} ${operationId}`);
    expect({
      withoutDecision: documented.filter((name) => !decided.includes(name)),
      notDocumented: decided.filter((name) => !documented.includes(name)),
    }).toEqual({ withoutDecision: [], notDocumented: [] });
    const scopedWithoutResource = entries.filter(
      ({ access }) =>
        access.resource === 'none' &&
        Object.values(access.roles).some((d) => typeof d !== 'string'),
    );
    expect(scopedWithoutResource.map(({ operationId }) => operationId)).toEqual([]);
  });

  describe.each(Object.keys(ACCESS_DECISIONS))('%s', (service) => {
    const table = ACCESS_DECISIONS[service];
    it.each(Object.keys(table))(
      '%s answers every role as the table decides',
      async (operationId) => {
        const app = apps[service];
        const operation = operationOf(service, operationId);
        const access = table[operationId];
        const mismatches: (string | undefined)[] = [
          await mismatchOf(
            app,
            operation,
            { label: 'without a token', whose: 'own', world: shared },
            access.public === true ? 'allowed' : 'unauthenticated',
          ),
        ];
        for (const role of ROLES) {
          const decision = access.roles[role];
          const decisions = whoseOf(access).map(
            (whose) => [whose, typeof decision === 'string' ? decision : decision[whose]] as const,
          );
          const world =
            changesState(operation, access) && decisions.some(([, d]) => d === 'allowed')
              ? await newWorld()
              : shared;
          const authorization = await authorizationOf(app, role, world);
          for (const [whose, expected] of decisions) {
            const label = `${role} on ${access.resource === 'none' ? 'it' : `${whose} ${access.resource}`}`;
            mismatches.push(
              await mismatchOf(app, operation, { label, authorization, whose, world }, expected),
            );
          }
        }
        expect(mismatches.filter((m) => m !== undefined)).toEqual([]);
      },
    );
  });
});

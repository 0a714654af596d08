import { hirestreamEventCatalog, type Event } from '@hirestream/contracts';
import {
  dataKeyIdOf,
  decryptPersonalData,
  encryptPersonalData,
  keyIdsIn,
  type DataKey,
} from '@hirestream/personal-data';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { hiringHistory } from './support/hiring-history';
import { withEmbeddedEventStore } from './support/embedded-event-store';
import { machineLoad } from './support/machine-load';

// Personal data encrypted per candidacy (#17): what encrypting and decrypting cost
// per event for a typical CandidateRegistered and a typical FeedbackSubmitted
// (in-process), and the fold rate with encryption on vs off: a hiring history's
// events in one stream of the embedded EventStoreDB (a child process, as `npm start`
// runs it), stored plain and stored encrypted, read back through the real client
// (which parses each event's JSON) and, for the encrypted one, decrypted. The
// client's CPU per event is what bounds a fold. The key store's queries are left
// out: a fold asks for its batch's keys once and keeps them in memory.
const usage = `Usage: npm run bench -- personal-data [--events N]
  --events  events of the hiring history folded (default 20,000)`;

const APPEND_BATCH = 500;
const REPEATS = 20_000;
const ROUNDS = 5;

function eventsWanted(): number {
  const { values } = parseArgs({ options: { events: { type: 'string' } } });
  const events = values.events === undefined ? 20_000 : Number(values.events.replaceAll('_', ''));
  if (!Number.isSafeInteger(events) || events < 1) {
    throw new Error(`--events must be a positive whole number\n${usage}`);
  }
  return events;
}

/** The median over rounds of the time per call of `run`, in µs. */
function microsecondsPer(calls: number, run: () => void): number {
  const rounds: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    run();
    rounds.push(((performance.now() - started) * 1000) / calls);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}

const keys = new Map<string, DataKey>();
function keyFor(keyId: string): DataKey {
  let key = keys.get(keyId);
  if (key === undefined) keys.set(keyId, (key = { keyId, secret: randomBytes(32) }));
  return key;
}

/** The event's data as it would be stored: personal values encrypted under its subject's key. */
function encrypted(event: Event, eventId: string): Readonly<Record<string, unknown>> {
  const marking = hirestreamEventCatalog.contractOf(event.type)?.personalData;
  const data = event.data as Readonly<Record<string, unknown>>;
  if (marking === undefined) return data;
  return encryptPersonalData(data, marking, keyFor(dataKeyIdOf(marking, data)), eventId);
}

function perEvent(label: string, event: Event): void {
  const marking = hirestreamEventCatalog.contractOf(event.type)!.personalData!;
  const data = event.data as Readonly<Record<string, unknown>>;
  const key = keyFor(dataKeyIdOf(marking, data));
  const eventId = randomUUID();
  const encrypted = encryptPersonalData(data, marking, key, eventId);
  const encrypt = microsecondsPer(REPEATS, () => {
    for (let i = 0; i < REPEATS; i += 1) encryptPersonalData(data, marking, key, eventId);
  });
  const decrypt = microsecondsPer(REPEATS, () => {
    for (let i = 0; i < REPEATS; i += 1) {
      decryptPersonalData(encrypted, eventId, new Map([[key.keyId, key]]));
    }
  });
  const plainBytes = JSON.stringify(data).length;
  const storedBytes = JSON.stringify(encrypted).length;
  console.log(
    `  ${label} (${marking.paths.length} personal fields): encrypt ${encrypt.toFixed(1)} µs/event, ` +
      `decrypt ${decrypt.toFixed(1)} µs/event; stored ${plainBytes} → ${storedBytes} bytes`,
  );
}

async function appendAll(
  client: EventStoreDBClient,
  streamName: string,
  history: readonly Event[],
  encrypt: boolean,
): Promise<number> {
  let withEnvelopes = 0;
  for (let start = 0; start < history.length; start += APPEND_BATCH) {
    const batch = history.slice(start, start + APPEND_BATCH).map((event) => {
      const id = randomUUID();
      const data = encrypt ? encrypted(event, id) : event.data;
      if (keyIdsIn(data).size > 0) withEnvelopes += 1;
      return jsonEvent({ id, type: event.type, data: data as Record<string, unknown> });
    });
    await client.appendToStream(streamName, batch);
  }
  return withEnvelopes;
}

/** Reads the stream as a fold does, decrypting when asked; the client's CPU µs per event. */
async function fold(client: EventStoreDBClient, streamName: string, decrypt: boolean) {
  const cpuBefore = process.cpuUsage();
  let events = 0;
  for await (const resolved of client.readStream(streamName)) {
    const recorded = resolved.event;
    if (recorded === undefined || !recorded.isJson) continue;
    events += 1;
    if (decrypt) {
      const data = recorded.data as Readonly<Record<string, unknown>>;
      decryptPersonalData(data, recorded.id, keys);
    }
  }
  const cpu = process.cpuUsage(cpuBefore);
  return (cpu.user + cpu.system) / events;
}

async function foldRate(client: EventStoreDBClient, events: number): Promise<void> {
  const history = [...hiringHistory(events)].flat().flatMap((append) => append.events);
  const plainStream = `fold-plain-${randomUUID()}`;
  const encryptedStream = `fold-encrypted-${randomUUID()}`;
  await appendAll(client, plainStream, history, false);
  const withEnvelopes = await appendAll(client, encryptedStream, history, true);
  console.log(
    `  a hiring history of ${history.length.toLocaleString('en')} events in one stream ` +
      `(${((withEnvelopes / history.length) * 100).toFixed(0)}% with an encrypted value), read through the client:`,
  );
  const plain: number[] = [];
  const undecrypted: number[] = [];
  const decrypting: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    plain.push(await fold(client, plainStream, false));
    undecrypted.push(await fold(client, encryptedStream, false));
    decrypting.push(await fold(client, encryptedStream, true));
  }
  const best = (values: number[]) => Math.min(...values);
  console.log(
    `    client CPU, best of 3: plain ${best(plain).toFixed(1)} µs/event; encrypted, read as stored ` +
      `${best(undecrypted).toFixed(1)}; encrypted and decrypted ${best(decrypting).toFixed(1)}`,
  );
  console.log(
    `    fold rate with encryption: ${((best(plain) / best(decrypting)) * 100).toFixed(0)}% of without (goal ≥ 70%)`,
  );
}

async function main(): Promise<void> {
  const events = eventsWanted();
  console.log(`machine: ${machineLoad()}`);
  const candidateId = randomUUID();
  perEvent('CandidateRegistered', {
    type: 'CandidateRegistered',
    data: {
      candidateId,
      personId: randomUUID(),
      fullName: 'Ada Augusta Lovelace',
      email: 'ada.lovelace@example.org',
      phone: '+44 20 7946 0958',
      jobId: 'job-7',
      source: 'referral',
      resumeRef: `resumes/${candidateId}.pdf`,
    },
  });
  perEvent('FeedbackSubmitted', {
    type: 'FeedbackSubmitted',
    data: {
      candidateId,
      interviewId: randomUUID(),
      interviewerId: 'interviewer-7',
      rubricId: randomUUID(),
      rubricVersion: 3,
      ratings: [
        { criterionId: 'system-design', rating: 3 },
        { criterionId: 'communication', rating: 4 },
      ],
      strengths:
        'Compared three designs for the rate limiter and chose one with clear reasons; ' +
        'asked about failure modes before being prompted and sketched the metrics she would watch.',
      concerns: 'Thin on operating databases at scale; hesitated on the consistency trade-offs.',
      notes: 'Would pair well with the payments team; follow up on on-call experience.',
      recommendation: 'hire',
    },
  });
  await withEmbeddedEventStore('personal-data-bench', (client) => foldRate(client, events));
  console.log(`machine at the end: ${machineLoad()}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

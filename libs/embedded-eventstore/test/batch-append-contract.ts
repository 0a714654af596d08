import { randomUUID } from 'node:crypto';
import {
  DeadlineExceededError,
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  BadRequest,
  StreamIdentifier,
  UUID,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { Status } from '@eventstore/db-client/generated/status_pb';
import {
  Client,
  credentials,
  status,
  type ClientDuplexStream,
  type ServiceError,
} from '@grpc/grpc-js';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb';
import {
  eventually,
  readStreamEvents,
  rejectionOf,
  testEvent,
  uniqueStream,
} from './event-store-client-helpers';

const BATCH_APPEND_PATH = '/event_store.client.streams.Streams/BatchAppend';

/** `host:port` of an `esdb://host:port?tls=false` connection string. */
function addressOf(connectionString: string): string {
  return new URL(connectionString.replace(/^esdb:/, 'http:')).host;
}

/** A UUID message's text form, whichever form the server chose (it may answer structured). */
function uuidText(uuid: UUID | undefined): string | undefined {
  if (uuid === undefined) return undefined;
  if (uuid.hasString()) return uuid.getString();
  const structured = uuid.getStructured();
  if (structured === undefined) return undefined;
  const half = (value: string) => BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0');
  const hex =
    half(structured.getMostSignificantBits()) + half(structured.getLeastSignificantBits());
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
    .join('-')
    .toLowerCase();
}

/** One `Streams/BatchAppend` call spoken with the generated classes, answers kept by correlation id. */
class RawBatchAppend<Request = BatchAppendReq> {
  readonly answers: BatchAppendResp[] = [];
  error: ServiceError | undefined;

  constructor(readonly call: ClientDuplexStream<Request, BatchAppendResp>) {
    call.on('data', (answer: BatchAppendResp) => this.answers.push(answer));
    call.on('error', (error: ServiceError) => {
      this.error = error;
    });
  }

  send(request: Request): void {
    this.call.write(request);
  }

  answersFor(correlationId: string | undefined): BatchAppendResp[] {
    return this.answers.filter((answer) => uuidText(answer.getCorrelationId()) === correlationId);
  }

  async answerFor(correlationId: string | undefined): Promise<BatchAppendResp> {
    await eventually(
      () => this.answersFor(correlationId).length > 0 || this.error !== undefined,
      `an answer for ${correlationId ?? 'no correlation id'}`,
    );
    if (this.error !== undefined) throw this.error;
    return this.answersFor(correlationId)[0];
  }
}

function options(
  stream: string | undefined,
  expected: (options: BatchAppendReq.Options) => void = (o) => o.setAny(new Empty()),
): BatchAppendReq.Options {
  const result = new BatchAppendReq.Options();
  if (stream !== undefined)
    result.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(stream)));
  expected(result);
  return result;
}

function proposed(type: string, n: number, id = randomUUID()): BatchAppendReq.ProposedMessage {
  const message = new BatchAppendReq.ProposedMessage()
    .setId(new UUID().setString(id))
    .setData(Buffer.from(JSON.stringify({ n })));
  message.getMetadataMap().set('type', type).set('content-type', 'application/json');
  return message;
}

function request(
  correlationId: string | undefined,
  parts: {
    options?: BatchAppendReq.Options;
    events?: BatchAppendReq.ProposedMessage[];
    isFinal?: boolean;
  },
): BatchAppendReq {
  const result = new BatchAppendReq()
    .setProposedMessagesList(parts.events ?? [])
    .setIsFinal(parts.isFinal ?? false);
  if (correlationId !== undefined) result.setCorrelationId(new UUID().setString(correlationId));
  if (parts.options !== undefined) result.setOptions(parts.options);
  return result;
}

function successOf(answer: BatchAppendResp): { revision: bigint; commit: bigint | undefined } {
  const success = answer.getSuccess();
  if (success === undefined) throw new Error(`expected a success, got ${errorName(answer)}`);
  const position = success.getPosition();
  return {
    revision: BigInt(success.getCurrentRevision()),
    commit: position === undefined ? undefined : BigInt(position.getCommitPosition()),
  };
}

function errorName(answer: BatchAppendResp): string | undefined {
  return answer.getError()?.getDetails()?.getTypeName();
}

function errorOf(answer: BatchAppendResp): Status {
  const error = answer.getError();
  if (error === undefined) throw new Error('expected an error answer');
  return error;
}

function streamNameOf(answer: BatchAppendResp): string | undefined {
  const identifier = answer.getStreamIdentifier();
  return identifier === undefined
    ? undefined
    : Buffer.from(identifier.getStreamName_asU8()).toString('utf8');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `Streams/BatchAppend`, through which `@eventstore/db-client` sends every append once the
 * server advertises it: first through the client's public API, then spoken directly for what
 * the client never sends. Written to EventStoreDB 24.10's behaviour.
 */
export function batchAppendContract(connectionString: () => string): void {
  let client: EventStoreDBClient;

  beforeAll(() => {
    client = EventStoreDBClient.connectionString(connectionString());
  });
  afterAll(async () => {
    await client.dispose();
  });

  describe('batch append through the client', () => {
    it('answers many concurrent appends, each with its own result', async () => {
      const streams = Array.from({ length: 60 }, (_, i) => ({
        stream: uniqueStream(`concurrent-${i}`),
        count: (i % 5) + 1,
      }));
      const results = await Promise.all(
        streams.map(({ stream, count }) =>
          client.appendToStream(
            stream,
            Array.from({ length: count }, (_, n) => testEvent('Counted', { n })),
          ),
        ),
      );
      // Answers are matched by correlation id: each append sees its own stream's revision.
      expect(results.map((r) => r.nextExpectedRevision)).toEqual(
        streams.map(({ count }) => BigInt(count - 1)),
      );
      const sample = await readStreamEvents(client, streams[4].stream);
      expect(sample.map((e) => e.event?.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
    });

    it('gives concurrent appends to one stream distinct revisions in commit order', async () => {
      const stream = uniqueStream('interleaved');
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, n) => client.appendToStream(stream, testEvent('N', { n }))),
      );
      const revisions = results.map((r) => r.nextExpectedRevision);
      expect([...revisions].sort((a, b) => (a < b ? -1 : 1))).toEqual(
        Array.from({ length: 40 }, (_, i) => BigInt(i)),
      );
      const events = await readStreamEvents(client, stream);
      expect(events.map((e) => e.event?.revision)).toEqual(revisions.map((_, i) => BigInt(i)));
      const byRevision = new Map(results.map((r, n) => [r.nextExpectedRevision, n]));
      expect(events.map((e) => e.event?.data)).toEqual(
        events.map((e) => ({ n: byRevision.get(e.event?.revision ?? -1n) })),
      );
      const commits = results.map((r) => r.position?.commit ?? -1n);
      const inRevisionOrder = [...results]
        .sort((a, b) => (a.nextExpectedRevision < b.nextExpectedRevision ? -1 : 1))
        .map((r) => r.position?.commit ?? -1n);
      expect([...commits].sort((a, b) => (a < b ? -1 : 1))).toEqual(inRevisionOrder);
    });

    it('lets exactly one of several racing appends at the same revision win', async () => {
      const stream = uniqueStream('race');
      await client.appendToStream(stream, testEvent('Seed'), { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, n) =>
          client.appendToStream(stream, testEvent('Racer', { n }), { expectedRevision: 0n }),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const lost of outcomes.filter((o) => o.status === 'rejected')) {
        expect(lost.reason).toBeInstanceOf(WrongExpectedVersionError);
        expect(lost.reason).toMatchObject({
          streamName: stream,
          expectedVersion: 0n,
          actualVersion: 1n,
        });
      }
      expect((await readStreamEvents(client, stream)).length).toBe(2);
    });

    it('writes an append the client splits over several requests, in order', async () => {
      const stream = uniqueStream('split');
      const events = Array.from({ length: 300 }, (_, n) => testEvent('Part', { n }));
      // 1 KiB requests: the client sends the options first and is_final on the last only.
      const result = await client.appendToStream(stream, events, {
        expectedRevision: 'no_stream',
        batchAppendSize: 1024,
      });
      expect(result.nextExpectedRevision).toBe(299n);
      const read = await readStreamEvents(client, stream);
      expect(read.map((e) => e.event?.data)).toEqual(events.map((_, n) => ({ n })));
      expect(read.map((e) => e.event?.id)).toEqual(events.map((e) => e.id));
    });

    it('answers a retry of the same event ids as written, without duplicates', async () => {
      const stream = uniqueStream('batch-retry');
      const events = [testEvent('A'), testEvent('B'), testEvent('C')];
      await client.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      const [again, alsoAgain] = await Promise.all([
        client.appendToStream(stream, events, { expectedRevision: 'no_stream' }),
        client.appendToStream(stream, events, { expectedRevision: 'no_stream' }),
      ]);
      expect(again.nextExpectedRevision).toBe(2n);
      expect(alsoAgain.nextExpectedRevision).toBe(2n);
      expect((await readStreamEvents(client, stream)).length).toBe(3);
    });

    it('maps refusals to the typed errors', async () => {
      const stream = uniqueStream('refused');
      await client.appendToStream(stream, [testEvent('A'), testEvent('B')]);
      const noStream = await rejectionOf(
        client.appendToStream(stream, testEvent('X'), { expectedRevision: 'no_stream' }),
      );
      expect(noStream).toBeInstanceOf(WrongExpectedVersionError);
      expect(noStream).toMatchObject({
        streamName: stream,
        expectedVersion: 'no_stream',
        actualVersion: 1n,
      });
      const exact = await rejectionOf(
        client.appendToStream(stream, testEvent('X'), { expectedRevision: 7n }),
      );
      expect(exact).toMatchObject({ expectedVersion: 7n, actualVersion: 1n });
      const missing = await rejectionOf(
        client.appendToStream(uniqueStream('refused-missing'), testEvent('X'), {
          expectedRevision: 'stream_exists',
        }),
      );
      expect(missing).toMatchObject({
        expectedVersion: 'stream_exists',
        actualVersion: 'no_stream',
      });

      await client.tombstoneStream(stream);
      const deleted = await rejectionOf(client.appendToStream(stream, testEvent('X')));
      expect(deleted).toBeInstanceOf(StreamDeletedError);
      expect(deleted).toMatchObject({ streamName: stream });
    });

    it('refuses an append whose requests add up to more than 1,048,576 bytes, writing none', async () => {
      const stream = uniqueStream('too-big-split');
      // 20 events of ≈60 KB, sent 64 KiB at a time: no single request is over the limit.
      const events = Array.from({ length: 20 }, (_, n) =>
        testEvent('Chunk', { n, blob: 'x'.repeat(60_000) }),
      );
      const error = await rejectionOf(
        client.appendToStream(stream, events, { batchAppendSize: 64 * 1024 }),
      );
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(error).toMatchObject({ maxAppendSize: 1_048_576 });
      expect(await rejectionOf(readStreamEvents(client, stream))).toBeInstanceOf(
        StreamNotFoundError,
      );
      const ok = await client.appendToStream(stream, events.slice(0, 10), {
        batchAppendSize: 64 * 1024,
      });
      expect(ok.nextExpectedRevision).toBe(9n);
    });

    it('fails an append whose deadline has passed with DeadlineExceededError, writing nothing', async () => {
      const stream = uniqueStream('deadline');
      const error = await rejectionOf(
        client.appendToStream(stream, testEvent('Late'), { deadline: 0 }),
      );
      expect(error).toBeInstanceOf(DeadlineExceededError);
      expect(await rejectionOf(readStreamEvents(client, stream))).toBeInstanceOf(
        StreamNotFoundError,
      );
      const inTime = await client.appendToStream(stream, testEvent('OnTime'), { deadline: 10_000 });
      expect(inTime.nextExpectedRevision).toBe(0n);
    });

    it('writes stream metadata through batch append, honoured on reads', async () => {
      const stream = uniqueStream('batch-meta');
      await client.appendToStream(
        stream,
        [0, 1, 2].map((n) => testEvent('M', { n })),
      );
      await client.setStreamMetadata(stream, { maxCount: 1, custom: 'kept' });
      const metadata = await client.getStreamMetadata(stream);
      expect(metadata.metadata).toMatchObject({ maxCount: 1, custom: 'kept' });
      expect((await readStreamEvents(client, stream)).map((e) => e.event?.data)).toEqual([
        { n: 2 },
      ]);
    });
  });

  describe('batch append spoken directly', () => {
    let raw: StreamsClient;
    let bytesClient: Client;
    let batch: RawBatchAppend;

    beforeAll(() => {
      raw = new StreamsClient(addressOf(connectionString()), credentials.createInsecure());
      bytesClient = new Client(addressOf(connectionString()), credentials.createInsecure());
    });
    beforeEach(() => {
      batch = new RawBatchAppend(raw.batchAppend());
    });
    afterEach(() => {
      batch.call.cancel();
    });
    afterAll(() => {
      raw.close();
      bytesClient.close();
    });

    it('assembles an append from several requests and answers once, after is_final', async () => {
      const stream = uniqueStream('raw-split');
      const id = randomUUID();
      batch.send(
        request(id, { options: options(stream), events: [proposed('P', 0), proposed('P', 1)] }),
      );
      batch.send(request(id, { events: [proposed('P', 2), proposed('P', 3)] }));
      await sleep(200);
      expect(batch.answersFor(id)).toEqual([]);
      batch.send(request(id, { events: [proposed('P', 4)], isFinal: true }));
      const answer = await batch.answerFor(id);
      expect(successOf(answer).revision).toBe(4n);
      expect(successOf(answer).commit).toBeDefined();
      expect(streamNameOf(answer)).toBe(stream);
      const read = await readStreamEvents(client, stream);
      expect(read.map((e) => e.event?.data)).toEqual([0, 1, 2, 3, 4].map((n) => ({ n })));
      await sleep(100);
      expect(batch.answersFor(id)).toHaveLength(1);
    });

    it('keeps interleaved correlation ids apart and answers each', async () => {
      const first = uniqueStream('raw-a');
      const second = uniqueStream('raw-b');
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      batch.send(request(a, { options: options(first), events: [proposed('A', 0)] }));
      batch.send(request(b, { options: options(second), events: [proposed('B', 0)] }));
      batch.send(request(c, { options: options(second), events: [proposed('C', 0)] }));
      batch.send(request(a, { events: [proposed('A', 1)] }));
      batch.send(request(b, { events: [proposed('B', 1), proposed('B', 2)], isFinal: true }));
      batch.send(request(c, { events: [proposed('C', 1)], isFinal: true }));
      batch.send(request(a, { events: [proposed('A', 2), proposed('A', 3)], isFinal: true }));

      expect(successOf(await batch.answerFor(a)).revision).toBe(3n);
      expect(streamNameOf(await batch.answerFor(a))).toBe(first);
      const bRevision = successOf(await batch.answerFor(b)).revision;
      const cRevision = successOf(await batch.answerFor(c)).revision;
      expect([
        [2n, 4n],
        [4n, 1n],
      ]).toContainEqual([bRevision, cRevision]);
      expect((await readStreamEvents(client, first)).map((e) => e.event?.type)).toEqual([
        'A',
        'A',
        'A',
        'A',
      ]);
      // Each append's events stay together on the shared stream.
      const types = (await readStreamEvents(client, second)).map((e) => e.event?.type).join('');
      expect(['BBBCC', 'CCBBB']).toContain(types);
    });

    it('answers Timeout for an append whose deadline has already passed, and writes nothing', async () => {
      const stream = uniqueStream('raw-late');
      const id = randomUUID();
      const late = options(stream).setDeadline(Timestamp.fromDate(new Date(Date.now() - 1_000)));
      batch.send(request(id, { options: late, events: [proposed('L', 0)], isFinal: true }));
      const error = errorOf(await batch.answerFor(id));
      expect(error.getCode()).toBe(status.DEADLINE_EXCEEDED);
      expect(error.getDetails()?.getTypeName()).toBe('event_store.client.Timeout');
      expect(streamNameOf(await batch.answerFor(id))).toBe(stream);
      // The call goes on, and the events of the late append were never written.
      const next = randomUUID();
      batch.send(request(next, { options: options(uniqueStream('raw-after')), isFinal: true }));
      await batch.answerFor(next);
      expect(await rejectionOf(readStreamEvents(client, stream))).toBeInstanceOf(
        StreamNotFoundError,
      );
    });

    it('answers Timeout when the final request does not come before the deadline', async () => {
      const stream = uniqueStream('raw-slow');
      const id = randomUUID();
      const soon = options(stream).setDeadline(Timestamp.fromDate(new Date(Date.now() + 300)));
      batch.send(request(id, { options: soon, events: [proposed('S', 0)] }));
      expect(errorName(await batch.answerFor(id))).toBe('event_store.client.Timeout');
      // Requests for an append that has ended are ignored.
      batch.send(request(id, { events: [proposed('S', 1)], isFinal: true }));
      await sleep(300);
      expect(batch.answersFor(id)).toHaveLength(1);
      expect(await rejectionOf(readStreamEvents(client, stream))).toBeInstanceOf(
        StreamNotFoundError,
      );
    });

    it('answers Timeout for a zero Duration deadline (the form newer clients send)', async () => {
      const stream = uniqueStream('raw-duration');
      const id = randomUUID();
      // The generated classes know only the Timestamp form, so the Duration (field 7) is
      // written by hand: Options{stream_identifier, any, deadline: Duration{}}.
      const optionBytes = Buffer.concat([
        Buffer.from(options(stream).serializeBinary()),
        Buffer.from([0x3a, 0x00]),
      ]);
      const correlation = Buffer.from(new UUID().setString(id).serializeBinary());
      const bytes = Buffer.concat([
        Buffer.from([0x0a, correlation.length]),
        correlation,
        Buffer.from([0x12, optionBytes.length]),
        optionBytes,
        Buffer.from([0x20, 0x01]),
      ]);
      const call = bytesClient.makeBidiStreamRequest(
        BATCH_APPEND_PATH,
        (message: Buffer) => message,
        (message: Buffer) => BatchAppendResp.deserializeBinary(message),
      );
      const answers = new RawBatchAppend(call);
      answers.send(bytes);
      try {
        expect(errorName(await answers.answerFor(id))).toBe('event_store.client.Timeout');
      } finally {
        call.cancel();
      }
    });

    it('answers malformed requests with BadRequest in the stream, and goes on', async () => {
      const noPosition = randomUUID();
      batch.send(
        request(noPosition, {
          options: options(uniqueStream('raw-bad'), () => undefined),
          events: [proposed('X', 0)],
          isFinal: true,
        }),
      );
      const positionError = errorOf(await batch.answerFor(noPosition));
      expect(positionError.getCode()).toBe(status.INVALID_ARGUMENT);
      expect(positionError.getMessage()).toBe('BadRequest');
      expect(positionError.getDetails()?.getTypeName()).toBe('event_store.client.BadRequest');

      const noStream = randomUUID();
      batch.send(request(noStream, { options: options(undefined), isFinal: true }));
      const streamError = errorOf(await batch.answerFor(noStream));
      const reason = streamError
        .getDetails()
        ?.unpack(BadRequest.deserializeBinary, 'event_store.client.BadRequest');
      expect(reason?.getMessage()).toMatch(/StreamIdentifier/);

      const untyped = randomUUID();
      const stream = uniqueStream('raw-untyped');
      const event = proposed('T', 0);
      event.getMetadataMap().del('type');
      batch.send(request(untyped, { options: options(stream), events: [event], isFinal: true }));
      expect(errorName(await batch.answerFor(untyped))).toBe('event_store.client.BadRequest');

      batch.send(request(undefined, { options: options(stream), isFinal: true }));
      expect(errorName(await batch.answerFor(undefined))).toBe('event_store.client.BadRequest');

      // A request for a correlation id that never had options is ignored.
      const stranger = randomUUID();
      batch.send(request(stranger, { events: [proposed('S', 0)], isFinal: true }));

      const fine = randomUUID();
      batch.send(
        request(fine, { options: options(stream), events: [proposed('F', 0)], isFinal: true }),
      );
      expect(successOf(await batch.answerFor(fine)).revision).toBe(0n);
      expect(batch.answersFor(stranger)).toEqual([]);
      expect((await readStreamEvents(client, stream)).map((e) => e.event?.type)).toEqual(['F']);
    });

    it('carries WrongExpectedVersion details with the current and expected revision', async () => {
      const stream = uniqueStream('raw-wrong');
      await client.appendToStream(stream, [testEvent('A'), testEvent('B')]);
      const id = randomUUID();
      batch.send(
        request(id, {
          options: options(stream, (o) => o.setStreamPosition('5')),
          events: [proposed('W', 0)],
          isFinal: true,
        }),
      );
      const answer = await batch.answerFor(id);
      const error = errorOf(answer);
      expect(error.getCode()).toBe(status.ALREADY_EXISTS);
      const details = error
        .getDetails()
        ?.unpack(WrongExpectedVersion.deserializeBinary, 'event_store.client.WrongExpectedVersion');
      expect(details?.getCurrentStreamRevision()).toBe('1');
      expect(details?.getExpectedStreamPosition()).toBe('5');
      expect(streamNameOf(answer)).toBe(stream);
    });

    it('fails the whole call when a request has neither options nor a correlation id', async () => {
      batch.send(request(undefined, { events: [proposed('X', 0)], isFinal: true }));
      await eventually(() => batch.error !== undefined, 'the call to fail');
      expect(batch.error?.code).toBe(status.UNKNOWN);
    });
  });
}

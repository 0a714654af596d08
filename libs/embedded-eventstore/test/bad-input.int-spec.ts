import { randomUUID } from 'node:crypto';
import {
  EventStoreDBClient,
  persistentSubscriptionToStreamSettingsFromDefaults,
} from '@eventstore/db-client';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb';
import { status, type ServiceError } from '@grpc/grpc-js';
import { useEmbeddedServer } from './embedded-server-fixture';
import {
  readStreamEvents,
  rejectionOf,
  testEvent,
  uniqueStream,
} from './event-store-client-helpers';

/** Drives one raw `Streams/Append` call with the given messages. */
function rawAppend(raw: StreamsClient, messages: AppendReq[]): Promise<AppendResp> {
  return new Promise((resolve, reject) => {
    const call = raw.append((error, response) =>
      error ? reject(error) : resolve(response as AppendResp),
    );
    for (const message of messages) call.write(message);
    call.end();
  });
}

/** Runs a raw `Streams/Read` call to its end, resolving with the status error (or undefined). */
function rawReadError(raw: StreamsClient, request: ReadReq): Promise<ServiceError | undefined> {
  return new Promise((resolve) => {
    const call = raw.read(request);
    call.on('data', (_response: ReadResp) => undefined);
    call.on('error', (error: ServiceError) => resolve(error));
    call.on('end', () => resolve(undefined));
  });
}

function appendOptions(stream: string): AppendReq {
  const options = new AppendReq.Options();
  options.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(stream)));
  options.setAny(new Empty());
  return new AppendReq().setOptions(options);
}

function proposed(id: string, metadata: Record<string, string>): AppendReq {
  const message = new AppendReq.ProposedMessage();
  message.setId(new UUID().setString(id));
  for (const [key, value] of Object.entries(metadata)) message.getMetadataMap().set(key, value);
  message.setData(Buffer.from('{}'));
  return new AppendReq().setProposedMessage(message);
}

const EVENT_METADATA = { type: 'T', 'content-type': 'application/json' };

describe('embedded event store: bad input and unsupported features', () => {
  const fixture = useEmbeddedServer('eventstore-bad-input');
  let client: EventStoreDBClient;
  let raw: StreamsClient;

  beforeAll(() => {
    ({ client, raw } = fixture());
  });

  afterEach(async () => {
    // Whatever a test sent, the server goes on serving well-formed clients.
    const stream = uniqueStream('still-serving');
    await client.appendToStream(stream, testEvent('Ok'));
    expect(await readStreamEvents(client, stream)).toHaveLength(1);
  });

  it('refuses an append that does not start with its options', async () => {
    const error = (await rejectionOf(
      rawAppend(raw, [proposed(randomUUID(), EVENT_METADATA)]),
    )) as ServiceError;
    expect(error.code).toBe(status.INVALID_ARGUMENT);
  });

  it('refuses an event whose id is not a UUID', async () => {
    const error = (await rejectionOf(
      rawAppend(raw, [
        appendOptions(uniqueStream('bad-id')),
        proposed('not-a-uuid', EVENT_METADATA),
      ]),
    )) as ServiceError;
    expect(error.code).toBe(status.INVALID_ARGUMENT);
  });

  it('refuses an event without type metadata the way the real server does', async () => {
    const error = (await rejectionOf(
      rawAppend(raw, [
        appendOptions(uniqueStream('no-type')),
        proposed(randomUUID(), { 'content-type': 'x' }),
      ]),
    )) as ServiceError;
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.metadata.get('exception')).toEqual(['missing-required-metadata-property']);
  });

  it('refuses an append with no expected revision or no stream name', async () => {
    const options = new AppendReq.Options();
    options.setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from('x')));
    const noExpectation = (await rejectionOf(
      rawAppend(raw, [new AppendReq().setOptions(options)]),
    )) as ServiceError;
    expect(noExpectation.code).toBe(status.INVALID_ARGUMENT);
    const unnamed = new AppendReq.Options().setAny(new Empty());
    const noName = (await rejectionOf(
      rawAppend(raw, [new AppendReq().setOptions(unnamed)]),
    )) as ServiceError;
    expect(noName.code).toBe(status.INVALID_ARGUMENT);
  });

  it('refuses reads without options and filters with a broken regex', async () => {
    expect((await rawReadError(raw, new ReadReq()))?.code).toBe(status.INVALID_ARGUMENT);
    const options = new ReadReq.Options();
    options.setAll(new ReadReq.Options.AllOptions().setStart(new Empty()));
    options.setSubscription(new ReadReq.Options.SubscriptionOptions());
    const filter = new ReadReq.Options.FilterOptions();
    filter.setStreamIdentifier(
      new ReadReq.Options.FilterOptions.Expression().setRegex('(unclosed'),
    );
    filter.setCount(new Empty());
    options.setFilter(filter);
    expect((await rawReadError(raw, new ReadReq().setOptions(options)))?.code).toBe(
      status.INVALID_ARGUMENT,
    );
  });

  it('survives bytes that are not a protobuf message', async () => {
    const error = await new Promise<ServiceError | null>((resolve) =>
      raw.makeUnaryRequest(
        '/event_store.client.streams.Streams/Delete',
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => bytes,
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]),
        (failure) => resolve(failure),
      ),
    );
    expect(error?.code).toBeDefined();
    expect(error?.code).not.toBe(status.OK);
  });

  it('reads past the end of a stream as empty and refuses impossible expected revisions', async () => {
    const stream = uniqueStream('bounds');
    await client.appendToStream(stream, testEvent('Only'));
    expect(await readStreamEvents(client, stream, { fromRevision: 1_000_000n })).toEqual([]);
    const error = await rejectionOf(
      client.appendToStream(stream, testEvent('X'), {
        expectedRevision: 18_446_744_073_709_551_615n,
      }),
    );
    expect(error).toMatchObject({ type: 'wrong-expected-version', actualVersion: 0n });
  });

  it('refuses a persistent subscription whose read batch does not fit its history buffer', async () => {
    const refused = await rejectionOf(
      client.createPersistentSubscriptionToStream(
        uniqueStream('ps-bad'),
        'g',
        persistentSubscriptionToStreamSettingsFromDefaults({
          readBatchSize: 500,
          historyBufferSize: 500,
        }),
      ),
    );
    expect(refused).toMatchObject({ type: 'persistent-subscription-failed' });
    expect((refused as { reason: string }).reason).toMatch(/ReadBatchSize/);
  });

  it('answers user-defined projections with UNIMPLEMENTED and a reason', async () => {
    const projections = (await rejectionOf(
      client.createProjection('mine', 'fromAll().when({})'),
    )) as { message: string };
    expect(projections.message).toMatch(
      /UNIMPLEMENTED.*User-defined \(JavaScript\) projections are not implemented/,
    );
  });
});

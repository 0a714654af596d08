import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { useEmbeddedServer } from './embedded-server-fixture';
import {
  eventually,
  readStreamEvents,
  testEvent,
  uniqueStream,
} from './event-store-client-helpers';

const EVENTS = 600;
const BODY = 'x'.repeat(16 * 1024);

function subscribeToAllRequest(): ReadReq {
  const options = new ReadReq.Options();
  options.setAll(new ReadReq.Options.AllOptions().setStart(new Empty()));
  options.setSubscription(new ReadReq.Options.SubscriptionOptions());
  options.setNoFilter(new Empty());
  options.setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()));
  return new ReadReq().setOptions(options);
}

describe('embedded event store: a stalled subscriber', () => {
  const fixture = useEmbeddedServer('eventstore-slow-subscriber');

  it('holds back a paused subscription without blocking others, then delivers everything in order', async () => {
    const { client, raw } = fixture();
    const call = raw.read(subscribeToAllRequest());
    const received: number[] = [];
    call.on('data', (response: ReadResp) => {
      const data = response.getEvent()?.getEvent()?.getData_asU8();
      if (data !== undefined)
        received.push((JSON.parse(Buffer.from(data).toString()) as { n: number }).n);
    });
    call.on('error', () => undefined);
    call.pause();

    const stream = uniqueStream('flood');
    for (let n = 0; n < EVENTS; n += 50) {
      await client.appendToStream(
        stream,
        Array.from({ length: 50 }, (_, i) => testEvent('Big', { n: n + i, body: BODY })),
      );
    }
    // ~10 MB is waiting for the paused subscriber; everyone else is still served.
    const other = uniqueStream('other');
    await client.appendToStream(other, testEvent('Small'));
    expect(await readStreamEvents(client, other)).toHaveLength(1);
    expect(received.length).toBeLessThan(EVENTS);

    call.resume();
    await eventually(() => received.length === EVENTS + 1, 'every event after resuming');
    expect(received.slice(0, EVENTS)).toEqual(Array.from({ length: EVENTS }, (_, n) => n));
    call.cancel();
  });
});

import { EventStoreIdempotencyStore } from '../src';
import { useEmbeddedStore } from './support/embedded-store';

const embedded = useEmbeddedStore('idempotency', []);
const response = { headers: { etag: '"0"' }, body: { id: 'x' } };

describe('Idempotency-Key records', () => {
  it('answer a repeat with the first response while they live', async () => {
    const store = new EventStoreIdempotencyStore(embedded.client, 60_000);
    const key = `key-${Date.now()}`;
    expect(await store.reserve(key, 'f', new Date())).toEqual({ outcome: 'reserved' });
    await store.complete(key, response);
    expect(await store.reserve(key, 'f', new Date())).toEqual({
      outcome: 'completed',
      fingerprint: 'f',
      response,
    });
  });

  it('expire after their time to live: a repeat then runs as a new request, once', async () => {
    const store = new EventStoreIdempotencyStore(embedded.client, 1_000);
    const key = `expiring-${Date.now()}`;
    await store.reserve(key, 'f', new Date());
    await store.complete(key, response);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const again = await Promise.all([
      store.reserve(key, 'f', new Date()),
      store.reserve(key, 'f', new Date()),
    ]);
    expect(again.map((reservation) => reservation.outcome).sort()).toEqual([
      'in-progress',
      'reserved',
    ]);
  });
});

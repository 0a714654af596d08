import { genesisHash, linkedMetadata } from './chain-hash';
import type { ChainEvent, ChainReport } from './chain-report';
import { verifyChain, type ChainVerificationOptions } from './chain-verifier';

const STREAM = 'candidate-7f3c';

/** Events as `EventStore.append` stores them and a reader gets them back (through JSON). */
function written(
  count: number,
  {
    from = 0n,
    previousHash = genesisHash(STREAM),
    hashedFrom = from,
  }: { from?: bigint; previousHash?: string; hashedFrom?: bigint } = {},
): ChainEvent[] {
  const events: ChainEvent[] = [];
  let previous = previousHash;
  for (let i = 0; i < count; i += 1) {
    const data = { candidateId: '7f3c', note: `fact ${i}`, score: i / 2 };
    const metadata = linkedMetadata(
      { streamName: STREAM, revision: hashedFrom + BigInt(i), type: 'NoteAdded', data },
      { occurredAt: '2026-03-01T10:00:00.000Z', actor: { id: 'ada', role: 'recruiter' } },
      previous,
    );
    previous = metadata.hash;
    events.push(
      JSON.parse(
        JSON.stringify({
          revision: String(from + BigInt(i)),
          id: `id-${i}`,
          type: 'NoteAdded',
          data,
          metadata,
        }),
        (key, value: unknown) =>
          key === 'revision' && typeof value === 'string' ? BigInt(value) : value,
      ) as ChainEvent,
    );
  }
  return events;
}

/** Events written before the chain: no `previousHash`, no `hash`. */
function unchained(count: number, from = 0n): ChainEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    revision: from + BigInt(i),
    id: `old-${i}`,
    type: 'NoteAdded',
    data: { note: `old fact ${i}` },
    metadata: { schemaVersion: 1 },
  }));
}

/** The events written anew to a stream in this order: the server numbers them again from `from`. */
function rewritten(events: readonly ChainEvent[], from = 0n): ChainEvent[] {
  return events.map((event, i) => ({ ...event, revision: from + BigInt(i) }));
}

/** Given a stream's stored events, when they are tampered with, then the verifier reports… */
function given(events: readonly ChainEvent[]) {
  return {
    when(tamper: (events: ChainEvent[]) => ChainEvent[], options: ChainVerificationOptions = {}) {
      const report = verifyChain(STREAM, tamper(structuredClone([...events])), options);
      return {
        then(expected: Partial<ChainReport>): ChainReport {
          expect(report).toMatchObject(expected);
          return report;
        },
        thenBreaks(kind: string, revision: bigint, detail?: RegExp): ChainReport {
          expect(report.firstBreak).toMatchObject({ kind, revision });
          if (detail !== undefined) expect(report.firstBreak?.detail).toMatch(detail);
          return report;
        },
      };
    },
  };
}

const untouched = (events: ChainEvent[]): ChainEvent[] => events;
const stream = written(6);

describe('ChainVerifier', () => {
  describe('given a stream written with the chain', () => {
    it('when nothing was touched, then every event checks and the head is the last one', () => {
      const report = given(stream)
        .when(untouched)
        .then({
          events: 6,
          checked: 6,
          beforeChain: undefined,
          head: { revision: 5n, hash: hashOf(stream[5]) },
        });
      expect(report.firstBreak).toBeUndefined();
    });

    it("when an event's data is changed, then it is altered at that revision", () => {
      given(stream)
        .when((events) => {
          (events[2].data as { note: string }).note = 'fact 2, improved';
          return events;
        })
        .thenBreaks('altered', 2n, /no longer matches its hash/);
    });

    it("when an event's metadata or type is changed, then it is altered", () => {
      given(stream)
        .when((events) => {
          (events[3].metadata as { actor: { id: string } }).actor.id = 'mallory';
          return events;
        })
        .thenBreaks('altered', 3n);
      given(stream)
        .when((events) => [
          ...events.slice(0, 4),
          { ...events[4], type: 'NoteRetracted' },
          events[5],
        ])
        .thenBreaks('altered', 4n);
    });

    it("when an event's previousHash is changed, then it is altered", () => {
      given(stream)
        .when((events) => {
          (events[1].metadata as { previousHash: string }).previousHash = '0'.repeat(64);
          return events;
        })
        .thenBreaks('altered', 1n, /previousHash was changed/);
    });

    it('when an event without a hash is appended (the raw client), then it is inserted', () => {
      given(stream)
        .when((events) => [...events, ...unchained(1, 6n)])
        .thenBreaks('inserted', 6n, /no hash/);
    });

    it('when an event with no metadata at all is appended (the raw client), then it is inserted, not altered', () => {
      // The client reads an event stored without metadata bytes back as `metadata: undefined`.
      const [forged] = unchained(1, 6n);
      given(stream)
        .when((events) => [...events, { ...forged, metadata: undefined }])
        .thenBreaks('inserted', 6n, /no metadata/);
    });

    it('when an event is put in the middle and the rest written anew after it, then it is inserted', () => {
      const [forged] = unchained(1);
      given(stream)
        .when((events) => rewritten([...events.slice(0, 2), forged, ...events.slice(2)]))
        .thenBreaks('inserted', 2n);
    });

    it('when a forged event links to its predecessor and the rest are written anew, then the forgery is named', () => {
      // A forger who knows the algorithm links a new event to revision 1 and hashes it as
      // revision 2: the genuine event hashed as revision 2 now sits at 3.
      const genuine = stream.slice(0, 2);
      const [forgery] = written(1, {
        from: 2n,
        previousHash: hashOf(genuine[1]),
      });
      given(stream)
        .when((events) => rewritten([...genuine, { ...forgery, id: 'forged' }, ...events.slice(2)]))
        .then({
          firstBreak: {
            kind: 'inserted',
            revision: 2n,
            eventId: 'forged',
            detail: expect.any(String),
          },
        });
    });

    it('when a stored event is appended again, then the copy is inserted', () => {
      given(stream)
        .when((events) => [...events, { ...events[5], revision: 6n, id: 'replayed' }])
        .then({
          firstBreak: {
            kind: 'inserted',
            revision: 6n,
            eventId: 'replayed',
            detail: 'it is a copy of revision 5',
          },
        });
    });

    it('when a revision is missing, then it is removed', () => {
      given(stream)
        .when((events) => [...events.slice(0, 3), ...events.slice(4)])
        .thenBreaks('removed', 4n, /revision 3 is missing/);
    });

    it('when an event is left out and the rest written anew, then it is removed', () => {
      given(stream)
        .when((events) => rewritten([...events.slice(0, 3), ...events.slice(4)]))
        .thenBreaks('removed', 3n, /hashed as revision 4: 1 event/);
    });

    it('when an event links to one further back, then what was between is removed', () => {
      given(stream)
        .when((events) => {
          const [relinked] = written(1, {
            from: 4n,
            previousHash: hashOf(events[2]),
          });
          return [...events.slice(0, 4), { ...relinked, id: 'relinked' }];
        })
        .thenBreaks('removed', 4n, /hash of revision 2, not of revision 3/);
    });

    it('when the start of the stream is cut (truncate-before), then the first event left is removed', () => {
      given(stream)
        .when((events) => events.slice(2))
        .thenBreaks('removed', 2n, /before revision 2, is gone/);
    });

    it('when two events are swapped and written anew, then the first of them is reordered', () => {
      given(stream)
        .when((events) =>
          rewritten([events[0], events[1], events[3], events[2], events[4], events[5]]),
        )
        .thenBreaks('reordered', 2n, /follows the event at revision 3/);
    });

    it('when two stored events change places, revisions and all, then it is reordered', () => {
      given(stream)
        .when((events) => [events[0], events[2], events[1], ...events.slice(3)])
        .thenBreaks('reordered', 2n, /revision 2 comes before revision 1/);
      given(stream)
        .when((events) => [events[0], events[1], events[2], events[1]])
        .thenBreaks('reordered', 1n, /revision 1 comes after revision 2/);
    });

    it('when the tail is dropped, then nothing shows without an anchor', () => {
      expect(
        given(stream)
          .when((events) => events.slice(0, 4))
          .then({ checked: 4 }).firstBreak,
      ).toBeUndefined();
    });

    it('when the tail is dropped, then an anchored head past the end shows it truncated', () => {
      const anchoredHead = { revision: 5n, hash: hashOf(stream[5]) };
      given(stream)
        .when((events) => events.slice(0, 4), { anchoredHead })
        .then({
          firstBreak: {
            kind: 'truncated',
            revision: 5n,
            eventId: undefined,
            detail: 'the stream ends at revision 3, short of its anchored head at revision 5',
          },
        });
    });

    it('when the tail is cut back and written anew, then the anchored head differs: truncated', () => {
      const anchoredHead = { revision: 4n, hash: hashOf(stream[4]) };
      given(stream)
        .when(
          (events) => [
            ...events.slice(0, 4),
            rehash({ ...events[4], data: { note: 'another ending' } }, hashOf(events[3])),
          ],
          { anchoredHead },
        )
        .thenBreaks('truncated', 4n, /written anew after it was anchored/);
    });

    it('when it is intact, then a matching anchored head verifies', () => {
      const anchoredHead = { revision: 3n, hash: hashOf(stream[3]) };
      expect(
        given(stream).when(untouched, { anchoredHead }).then({ checked: 6 }).firstBreak,
      ).toBeUndefined();
    });
  });

  describe('given a stream written before the chain', () => {
    const old = unchained(3);
    const continued = [...old, ...written(3, { from: 3n })];

    it('when the chain starts later from the genesis, then the older events are before the chain, not a break', () => {
      const report = given(continued)
        .when(untouched)
        .then({
          events: 6,
          checked: 3,
          beforeChain: { count: 3, firstRevision: 0n, lastRevision: 2n },
        });
      expect(report.firstBreak).toBeUndefined();
    });

    it('when nothing was ever chained, then every event is before the chain', () => {
      const report = given(old)
        .when(untouched)
        .then({
          checked: 0,
          beforeChain: { count: 3, firstRevision: 0n, lastRevision: 2n },
          head: { revision: 2n, hash: undefined },
        });
      expect(report.firstBreak).toBeUndefined();
    });

    it('when an event without a hash follows the chain, then it is inserted, not before the chain', () => {
      given(continued)
        .when((events) => [...events, ...unchained(1, 6n)])
        .thenBreaks('inserted', 6n, /chained from revision 3/);
    });

    it('when a head anchored before the chain is no longer reached, or now has a hash, then it is truncated', () => {
      const anchoredHead = { revision: 2n, hash: null };
      expect(
        given(continued).when(untouched, { anchoredHead }).then({}).firstBreak,
      ).toBeUndefined();
      given(continued)
        .when((events) => events.slice(0, 2), { anchoredHead })
        .thenBreaks('truncated', 2n, /ends at revision 1/);
      given(old)
        .when(() => written(3), { anchoredHead })
        .thenBreaks('truncated', 2n, /written anew/);
    });

    it('when an event before the chain is changed, then nothing can tell', () => {
      const report = given(continued)
        .when((events) => {
          (events[1].data as { note: string }).note = 'changed';
          return events;
        })
        .then({ checked: 3 });
      expect(report.firstBreak).toBeUndefined();
    });
  });

  describe('given a stream deleted and written anew', () => {
    it('when its first event was hashed as revision 0 but stored later, then the earlier ones are removed', () => {
      given(written(2, { from: 4n, hashedFrom: 0n }))
        .when(untouched)
        .thenBreaks('removed', 4n, /deleted and written anew from revision 4/);
    });
  });
});

/** `event` linked again after `previousHash`, as a forger who knows the algorithm would. */
function rehash(event: ChainEvent, previousHash: string): ChainEvent {
  const {
    hash: _hash,
    previousHash: _previous,
    ...metadata
  } = event.metadata as Record<string, unknown>;
  return {
    ...event,
    metadata: linkedMetadata(
      { streamName: STREAM, revision: event.revision, type: event.type, data: event.data },
      metadata,
      previousHash,
    ),
  };
}

function hashOf(event: ChainEvent): string {
  return (event.metadata as { hash: string }).hash;
}

import { BACKWARDS, END, type EventStoreDBClient } from '@eventstore/db-client';
import {
  verifyAllStreams,
  verifyStream,
  type AnchoredHead,
  type ChainReport,
} from '@hirestream/event-sourcing';
import type { ChainAnchors } from './chain-anchors';
import { printJson, shortHash } from './command-output';
import { withEventStore } from './event-store-connection';
import { progressBar } from './progress-bar';

const numbers = new Intl.NumberFormat('en-US');
const ANCHOR_LOOKUPS_AT_ONCE = 8;
const PROGRESS_EVERY_EVENTS = 1_000;

function describe(report: ChainReport, anchored: AnchoredHead | undefined): string {
  const { firstBreak } = report;
  if (firstBreak !== undefined) {
    const event = firstBreak.eventId === undefined ? 'no event' : `event ${firstBreak.eventId}`;
    return `${report.streamName}: BROKEN at revision ${firstBreak.revision} (${firstBreak.kind}, ${event}): ${firstBreak.detail}`;
  }
  const parts = [
    `${numbers.format(report.events)} events`,
    `${numbers.format(report.checked)} checked`,
  ];
  if (report.beforeChain !== undefined) {
    parts.push(
      `${numbers.format(report.beforeChain.count)} before the chain (revisions ${report.beforeChain.firstRevision}–${report.beforeChain.lastRevision})`,
    );
  }
  if (report.head !== undefined) {
    parts.push(`head ${report.head.revision} ${shortHash(report.head.hash)}`);
  }
  if (anchored !== undefined) parts.push(`anchored at ${anchored.revision}`);
  return `${report.streamName}: ok, ${parts.join(', ')}`;
}

/** `audit verify STREAM…`: each stream's chain, against its anchored head when there is one. */
export async function verifyStreams(
  streamNames: readonly string[],
  anchors: ChainAnchors,
  json: boolean,
): Promise<number> {
  return withEventStore(async (client) => {
    const bar =
      streamNames.length > 1
        ? progressBar('verifying', '{value}/{total} streams', streamNames.length)
        : undefined;
    const results: { report: ChainReport; anchored: AnchoredHead | undefined }[] = [];
    for (const streamName of streamNames) {
      const anchored = await anchors.headOf(streamName);
      results.push({
        report: await verifyStream(client, streamName, { anchoredHead: anchored }),
        anchored,
      });
      bar?.update(results.length);
    }
    bar?.stop();
    const broken = results.filter(({ report }) => report.firstBreak !== undefined).length;
    if (json) {
      printJson({
        streams: results.map(({ report, anchored }) => ({
          ...report,
          anchoredHead: anchored ?? null,
        })),
        broken,
        anchors: anchors.use,
      });
    } else {
      for (const { report, anchored } of results) console.log(describe(report, anchored));
      if (!anchors.use.checked) console.log(`anchors: ${anchors.use.reason}`);
    }
    return broken > 0 ? 1 : 0;
  });
}

/** The commit position of `$all`'s last event: how far a walk of it goes. */
async function lastPosition(client: EventStoreDBClient): Promise<number> {
  let position = 0;
  for await (const resolved of client.readAll({
    direction: BACKWARDS,
    fromPosition: END,
    maxCount: 1,
  })) {
    position = Number(resolved.event?.position?.commit ?? 0n);
  }
  return position;
}

/**
 * `audit verify --all`: every stream's chain in one walk of `$all` (a bar over its
 * positions), then each stream's end against its anchored head: a stream whose last
 * event is not the anchored one is read again with the anchor, which names a
 * truncation or a rewrite before it.
 */
export async function verifyEveryStream(anchors: ChainAnchors, json: boolean): Promise<number> {
  return withEventStore(async (client) => {
    const bar = progressBar(
      'verifying',
      '{events} events, {streams} streams',
      await lastPosition(client),
    );
    bar.update(0, { events: '0', streams: '0' });
    const reports: ChainReport[] = [];
    const walk = await verifyAllStreams(client, {
      progressEvery: PROGRESS_EVERY_EVENTS,
      onProgress: ({ position, events, streams }) =>
        bar.update(Number(position ?? 0n), {
          events: numbers.format(events),
          streams: numbers.format(streams),
        }),
      onStream: (report) => reports.push(report),
    });
    bar.stop();
    const anchoredHeads = new Map<string, AnchoredHead>();
    if (anchors.use.checked) await compareWithAnchors(client, reports, anchors, anchoredHeads);
    const broken = reports.filter((report) => report.firstBreak !== undefined);
    if (json) {
      printJson({
        streams: walk.streams,
        events: walk.events,
        checked: walk.checked,
        beforeChain: walk.beforeChain,
        anchored: anchoredHeads.size,
        broken,
        anchors: anchors.use,
      });
    } else {
      console.log(
        `${numbers.format(walk.streams)} streams, ${numbers.format(walk.events)} events, ${numbers.format(walk.checked)} checked, ${numbers.format(walk.beforeChain)} before their chain, ${numbers.format(anchoredHeads.size)} streams compared with their anchored head`,
      );
      console.log(
        anchors.use.checked ? `anchors: from ${anchors.use.url}` : `anchors: ${anchors.use.reason}`,
      );
      console.log(broken.length === 0 ? 'no break' : `${broken.length} broken:`);
      for (const report of broken)
        console.log(`  ${describe(report, anchoredHeads.get(report.streamName))}`);
    }
    return broken.length > 0 ? 1 : 0;
  });
}

/**
 * Compares each stream's end with its anchored head (into `anchoredHeads`); a stream
 * ending elsewhere is read again with the anchor, replacing its report.
 */
async function compareWithAnchors(
  client: EventStoreDBClient,
  reports: ChainReport[],
  anchors: ChainAnchors,
  anchoredHeads: Map<string, AnchoredHead>,
): Promise<void> {
  const lookups = progressBar('anchored heads', '{value}/{total} streams', reports.length);
  let looked = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: ANCHOR_LOOKUPS_AT_ONCE }, async () => {
      while (next < reports.length) {
        const index = next++;
        const report = reports[index];
        const anchored = await anchors.headOf(report.streamName);
        if (anchored !== undefined) {
          anchoredHeads.set(report.streamName, anchored);
          const atHead =
            report.head?.revision === anchored.revision && report.head.hash === anchored.hash;
          if (report.firstBreak === undefined && !atHead) {
            reports[index] = await verifyStream(client, report.streamName, {
              anchoredHead: anchored,
            });
          }
        }
        lookups.update(++looked);
      }
    }),
  );
  lookups.stop();
}

import { BACKWARDS, END, type EventStoreDBClient } from '@eventstore/db-client';
import {
  verifyAllStreams,
  verifyStream,
  type AnchoredHead,
  type ChainReport,
} from '@hirestream/event-sourcing';
import type { ChainAnchors, DistrustedAnchor } from './chain-anchors';
import { printJson, shortHash } from './command-output';
import { withEventStore } from './event-store-connection';
import { progressBar } from './progress-bar';

const numbers = new Intl.NumberFormat('en-US');
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

function describeDistrusted({ streamName, sequence, problems }: DistrustedAnchor): string {
  return `${streamName}: anchor ${sequence} NOT TRUSTED, not compared: ${problems.join('; ')}`;
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
        distrustedAnchors: anchors.distrusted,
        anchors: anchors.use,
      });
    } else {
      for (const { report, anchored } of results) console.log(describe(report, anchored));
      for (const distrusted of anchors.distrusted) console.log(describeDistrusted(distrusted));
      if (!anchors.use.checked) console.log(`anchors: ${anchors.use.reason}`);
    }
    return broken > 0 || anchors.distrusted.length > 0 ? 1 : 0;
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
 * `audit verify --all`: every stream's latest anchored head that verifies (read
 * first, so the walk reaches each), then every stream's chain in one walk of `$all`
 * (a bar over its positions) against its anchored head: a tail dropped or rewritten
 * after it was anchored is `truncated`, and so is an anchored stream that is no
 * longer in `$all` at all (deleted, or wholly truncated).
 */
export async function verifyEveryStream(anchors: ChainAnchors, json: boolean): Promise<number> {
  return withEventStore(async (client) => {
    const anchoredHeads = await anchors.allHeads();
    const bar = progressBar(
      'verifying',
      '{events} events, {streams} streams',
      await lastPosition(client),
    );
    bar.update(0, { events: '0', streams: '0' });
    const walk = await verifyAllStreams(client, {
      anchoredHeads,
      progressEvery: PROGRESS_EVERY_EVENTS,
      onProgress: ({ position, events, streams }) =>
        bar.update(Number(position ?? 0n), {
          events: numbers.format(events),
          streams: numbers.format(streams),
        }),
    });
    bar.stop();
    const { broken } = walk;
    const distrusted = anchors.distrusted;
    if (json) {
      printJson({
        streams: walk.streams,
        events: walk.events,
        checked: walk.checked,
        beforeChain: walk.beforeChain,
        anchored: anchoredHeads.size,
        broken,
        distrustedAnchors: distrusted,
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
      if (distrusted.length > 0) console.log(`${distrusted.length} anchored heads not trusted:`);
      for (const anchor of distrusted) console.log(`  ${describeDistrusted(anchor)}`);
    }
    return broken.length > 0 || distrusted.length > 0 ? 1 : 0;
  });
}

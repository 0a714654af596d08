import { formatTable } from '../text-table';
import type { AuditClient } from './audit-client';
import { printJson } from './command-output';

// What the audit service answers (apps/audit: candidate-state, candidate-diff,
// timeline views), only the fields printed for people; `--json` prints it all.
type TimelineEntry = Readonly<{
  revision: string;
  type: string;
  occurredAt: string;
  actor: Readonly<{ id: string; role: string }>;
  reasons: Readonly<Record<string, unknown>>;
}>;
type ServiceState = Readonly<{
  aggregates: Readonly<Record<string, unknown>>;
  upcasted: readonly unknown[];
}>;
type CandidateState = Readonly<{
  streamName: string;
  revision: string;
  at: string | null;
  occurredAt: string;
  events: readonly TimelineEntry[];
  services: Readonly<Record<string, ServiceState>>;
}>;
type Change = Readonly<{ path: string; value?: unknown; from?: unknown; to?: unknown }>;
type CandidateDiff = Readonly<{
  streamName: string;
  from: Readonly<{ revision: string; occurredAt: string }>;
  to: Readonly<{ revision: string; occurredAt: string }>;
  events: readonly TimelineEntry[];
  services: Readonly<
    Record<string, Readonly<{ added: Change[]; removed: Change[]; changed: Change[] }>>
  >;
}>;
type Timeline = Readonly<{ streamName: string; events: readonly TimelineEntry[] }>;

export type Point = Readonly<{ at?: string; revision?: string }>;

const candidatePath = (candidateId: string) => `candidates/${encodeURIComponent(candidateId)}`;

function indented(value: unknown, spaces: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${' '.repeat(spaces)}`);
}

function compact(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

function eventsTable(events: readonly TimelineEntry[]): string {
  if (events.length === 0) return '  (none)';
  const rows = events.map((event) => [
    event.revision,
    event.occurredAt,
    `${event.actor.role}:${event.actor.id}`,
    event.type,
    Object.keys(event.reasons).length === 0 ? '' : compact(event.reasons),
  ]);
  return formatTable([['REVISION', 'OCCURRED AT', 'ACTOR', 'TYPE', 'WHY'], ...rows])
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** `audit replay`: every service's state of the candidacy at a point (its end when none is named). */
export async function replay(
  client: AuditClient,
  candidateId: string,
  point: Point,
  json: boolean,
): Promise<number> {
  const query = new URLSearchParams();
  if (point.at !== undefined) query.set('at', point.at);
  if (point.revision !== undefined) query.set('revision', point.revision);
  const state = await client.json<CandidateState>(
    `${candidatePath(candidateId)}/state${query.size > 0 ? `?${query}` : ''}`,
  );
  if (json) {
    printJson(state);
    return 0;
  }
  console.log(
    `${state.streamName} at revision ${state.revision}${state.at === null ? '' : ` (as of ${state.at})`}, the event of ${state.occurredAt}`,
  );
  console.log(`\nevents (${state.events.length}):\n${eventsTable(state.events)}`);
  for (const [service, { aggregates, upcasted }] of Object.entries(state.services)) {
    const lifted = upcasted.length === 0 ? '' : ` (${upcasted.length} events upcast)`;
    console.log(`\n${service}${lifted}:`);
    for (const [aggregate, value] of Object.entries(aggregates)) {
      console.log(`  ${aggregate}: ${indented(value, 2)}`);
    }
  }
  return 0;
}

/** `audit diff`: what changed in each service's state between two points, and the events between. */
export async function diff(
  client: AuditClient,
  candidateId: string,
  from: string,
  to: string,
  json: boolean,
): Promise<number> {
  const query = new URLSearchParams({ from, to });
  const difference = await client.json<CandidateDiff>(
    `${candidatePath(candidateId)}/diff?${query}`,
  );
  if (json) {
    printJson(difference);
    return 0;
  }
  console.log(
    `${difference.streamName}: revision ${difference.from.revision} (${difference.from.occurredAt}) → ${difference.to.revision} (${difference.to.occurredAt})`,
  );
  console.log(`\nevents between (${difference.events.length}):\n${eventsTable(difference.events)}`);
  for (const [service, { added, removed, changed }] of Object.entries(difference.services)) {
    console.log(`\n${service}:`);
    if (added.length + removed.length + changed.length === 0) console.log('  no change');
    for (const { path, value } of added) console.log(`  + ${path}: ${compact(value)}`);
    for (const { path, value } of removed) console.log(`  - ${path}: ${compact(value)}`);
    for (const change of changed) {
      console.log(`  ~ ${change.path}: ${compact(change.from)} → ${compact(change.to)}`);
    }
  }
  return 0;
}

/** `audit timeline`: who did what, when, in which role and why. */
export async function timeline(
  client: AuditClient,
  candidateId: string,
  json: boolean,
): Promise<number> {
  const history = await client.json<Timeline>(`${candidatePath(candidateId)}/timeline`);
  if (json) {
    printJson(history);
    return 0;
  }
  console.log(
    `${history.streamName}: ${history.events.length} events\n${eventsTable(history.events)}`,
  );
  return 0;
}

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Set to `1` by `npm start` on every process it runs with an IPC channel: such a
 * process stops itself once `npm start` is gone, however it went (the kernel
 * closes the channel even when `npm start` is SIGKILLed).
 */
export const STOP_WITH_PARENT_VARIABLE = 'HIRESTREAM_STOP_WITH_PARENT';

/** From the parent: when it is gone, wait for process `outlive` to exit before stopping. */
export interface OutliveMessage {
  readonly outlive: number;
}

/** Bounds both the wait for the processes to outlive and the stop itself. */
const STOP_GRACE_MS = 15_000;
const POLL_MS = 100;

function isOutliveMessage(message: unknown): message is OutliveMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { outlive?: unknown }).outlive === 'number'
  );
}

export interface ProcessStat {
  /** `R`, `S`…; `Z` for a zombie (exited, not yet reaped). */
  readonly state: string;
  readonly parent: number;
  readonly session: number;
}

/** A process's state, parent and session from /proc (Linux); undefined elsewhere or once it is gone. */
export function processStat(pid: number): ProcessStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (command) state ppid pgrp session …": the command may itself contain ") ".
  const [state, parent, , session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state, parent: Number(parent), session: Number(session) };
}

/** Whether `pid` is a live process; a zombie (exited, not yet reaped) is not. */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  const stat = processStat(pid);
  return stat !== undefined && stat.state !== 'Z';
}

async function stopAfterOutliving(outlive: ReadonlySet<number>, stop: () => unknown) {
  const deadline = Date.now() + STOP_GRACE_MS;
  while ([...outlive].some(isProcessRunning) && Date.now() < deadline) await sleep(POLL_MS);
  setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
  await stop();
}

/**
 * In a process started with `STOP_WITH_PARENT_VARIABLE=1` and an IPC channel,
 * calls `stop` once the parent is gone (after the processes the parent asked
 * it to outlive have exited); if the process is still there `STOP_GRACE_MS`
 * later, it exits with 1. Anywhere else (a terminal) it does nothing.
 */
export function onParentExit(stop: () => unknown): void {
  if (process.env[STOP_WITH_PARENT_VARIABLE] !== '1' || process.channel === undefined) return;
  // Output goes to the parent: once it is gone writes fail (EPIPE), and no
  // write failure may break the shutdown, as there is nobody left to tell.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const outlive = new Set<number>();
  process.on('message', (message) => {
    if (isOutliveMessage(message)) outlive.add(message.outlive);
  });
  // Registered once the process is up, so the parent may already be gone.
  if (process.connected) process.once('disconnect', () => void stopAfterOutliving(outlive, stop));
  else void stopAfterOutliving(outlive, stop);
}

/** A service stops as on SIGTERM (its shutdown hooks drain and flush) once `npm start` is gone. */
export function stopWhenParentExits(): void {
  onParentExit(() => process.kill(process.pid, 'SIGTERM'));
}

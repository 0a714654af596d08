import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of another process, from /proc (Linux). */
export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** The fields of /proc/PID/stat after the command name (field 3 is index 0). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

const TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user and system) of a process and its descendants, from /proc
 * (Linux): those alive now, and those that exited and were waited for, so a
 * PostgreSQL server's backends count whether their session is still open or not.
 */
export function processTreeCpuSeconds(rootPid: number): number {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const parent = Number(statFields(Number(name))?.[1]);
    parents.set(parent, [...(parents.get(parent) ?? []), Number(name)]);
  }
  let ticks = 0;
  const pending = [rootPid];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    const fields = statFields(pid);
    if (fields === undefined) continue;
    // utime, stime, cutime, cstime: fields 14 to 17.
    ticks += fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0);
    pending.push(...(parents.get(pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

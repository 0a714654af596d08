import { availableParallelism, loadavg } from 'node:os';

/** The 1-minute load average against the CPU count: figures from a busy machine are not comparable. */
export function machineLoad(): string {
  return `load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} CPUs`;
}

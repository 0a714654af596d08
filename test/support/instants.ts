const HOUR_MS = 3_600_000;

/** `instant` plus `hours`, in the API's form (seconds, no fraction). */
export function hoursAfter(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * HOUR_MS).toISOString().replace('.000Z', 'Z');
}

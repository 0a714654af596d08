/*
 * An interviewer's bookings span candidates, so no candidate stream can guard
 * "one place at a time": each interviewer's calendar is its own stream, reserved
 * with its expected revision before an interview is recorded.
 */
const INTERVIEWER_CALENDAR_STREAM_PREFIX = 'interviewer-calendar-';

export function interviewerCalendarStreamName(interviewerId: string): string {
  return `${INTERVIEWER_CALENDAR_STREAM_PREFIX}${interviewerId}`;
}

/** The interviewer id of an `interviewer-calendar-<id>` stream, or undefined for any other stream. */
export function interviewerIdOfCalendarStream(streamName: string): string | undefined {
  return streamName.startsWith(INTERVIEWER_CALENDAR_STREAM_PREFIX)
    ? streamName.slice(INTERVIEWER_CALENDAR_STREAM_PREFIX.length)
    : undefined;
}

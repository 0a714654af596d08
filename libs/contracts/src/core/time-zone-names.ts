const known = new Map<string, boolean>();

/** Whether this runtime knows the IANA zone (`Europe/London`, `UTC`); remembered per name. */
export function isKnownTimeZone(name: string): boolean {
  let answer = known.get(name);
  if (answer === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      answer = name.length <= 64;
    } catch {
      answer = false;
    }
    // Remembers what real zones there are; anything else is answered afresh each time.
    if (answer) known.set(name, true);
  }
  return answer;
}

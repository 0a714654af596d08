/**
 * The last few short UTF-8 texts decoded from buffers, handed out again when the same bytes
 * come back, so names that recur (stream names, event types) are not allocated every time.
 */
export class RecentTexts {
  private readonly entries: Array<{ readonly bytes: Buffer; readonly text: string }> = [];
  private next = 0;

  constructor(
    private readonly capacity: number,
    private readonly maxBytes: number,
  ) {}

  text(buffer: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length > this.maxBytes) return buffer.toString('utf8', start, end);
    for (const entry of this.entries) {
      if (entry.bytes.length === length && buffer.compare(entry.bytes, 0, length, start, end) === 0)
        return entry.text;
    }
    const entry = {
      bytes: Buffer.from(buffer.subarray(start, end)),
      text: buffer.toString('utf8', start, end),
    };
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    return entry.text;
  }
}

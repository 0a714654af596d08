const WINDOW = 1_000;

/** A measurement as the real server names it (the client lower-cases the keys). */
export interface Measurement {
  readonly key: string;
  readonly value: number;
}

/**
 * `extraStatistics`: how long a consumer takes from delivery to ack or nack, over its last
 * 1,000 messages, summarised with the real server's keys and percentile rule.
 */
export class RequestStatistics {
  private readonly started = new Map<string, number>();
  private readonly samples: number[] = [];

  start(id: string, now: number): void {
    this.started.set(id, now);
  }

  end(id: string, now: number): void {
    const start = this.started.get(id);
    if (start === undefined) return;
    this.started.delete(id);
    if (this.samples.length >= WINDOW) this.samples.shift();
    this.samples.push(Math.floor(now - start));
  }

  measurements(): Measurement[] {
    if (this.samples.length === 0) return [];
    const items = [...this.samples].sort((a, b) => a - b);
    const at = (percentile: number): number => {
      const index = Math.floor((percentile / 100) * items.length);
      return items[index === items.length ? index - 1 : index];
    };
    const sum = items.reduce((total, item) => total + item, 0);
    return [
      { key: 'Mean', value: Math.floor(sum / items.length) },
      { key: 'Median', value: items[Math.floor(items.length / 2)] },
      { key: 'Fastest', value: items[0] },
      ...[0, 1, 2, 3, 4].map((i) => ({ key: `Quintile ${i + 1}`, value: at(i * 20) })),
      { key: '90%', value: at(90) },
      { key: '95%', value: at(95) },
      { key: '99%', value: at(99) },
      { key: '99.5%', value: at(99.5) },
      { key: '99.9%', value: at(99.9) },
      { key: 'Highest', value: items[items.length - 1] },
    ];
  }
}

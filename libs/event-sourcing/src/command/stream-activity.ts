/** What a command gateway did with a stream: read it, decided a command on it, appended to it. */
export type StreamActivityKind = 'read' | 'decide' | 'append' | 'conflict';

export type StreamActivityEntry = Readonly<{
  aggregate: string;
  streamName: string;
  kind: StreamActivityKind;
}>;

type Listener = (entry: StreamActivityEntry) => void;

/**
 * Every store call the gateways make, told to whoever listens: the metrics
 * count them, and a test can count the calls one request cost.
 */
export class StreamActivity {
  private readonly listeners = new Set<Listener>();

  record(entry: StreamActivityEntry): void {
    for (const listener of this.listeners) listener(entry);
  }

  /** Calls `listener` for every entry from now on; returns the function that stops it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

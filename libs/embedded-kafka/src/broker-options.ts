/** The SASL mechanisms the SASL listener can enable. */
export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface SaslUser {
  readonly username: string;
  readonly password: string;
}

/** A second listener, SASL_PLAINTEXT, beside the plain one (as a Kafka broker with two listeners). */
export interface SaslListenerOptions {
  /** TCP port of the SASL listener; 0 picks a free one (see `KafkaBroker.saslPort`). */
  readonly port: number;
  /** Enabled mechanisms, in the order the handshake lists them; default PLAIN and SCRAM-SHA-512. */
  readonly mechanisms?: readonly SaslMechanism[];
  /** Who may authenticate, with either mechanism. */
  readonly users: readonly SaslUser[];
}

export interface ResolvedSaslOptions {
  readonly port: number;
  readonly mechanisms: readonly SaslMechanism[];
  readonly users: readonly SaslUser[];
}

export interface KafkaBrokerOptions {
  /** TCP port to listen on; 0 picks a free one (see `KafkaBroker.port`). */
  readonly port: number;
  /** Address to bind; default 127.0.0.1. */
  readonly host?: string;
  /** Host that clients are told to connect to (Metadata, FindCoordinator); default 127.0.0.1. */
  readonly advertisedHost?: string;
  /** Directory for partition logs, committed offsets and producer ids. */
  readonly dataDir: string;
  /** Create a topic on first use (Metadata or Produce); default true. */
  readonly autoCreateTopics?: boolean;
  /** Partitions of automatically created topics and of CreateTopics with -1; default 1. */
  readonly defaultPartitions?: number;
  /** How long a new group waits for more members before its first generation; default 0 ms. */
  readonly initialRebalanceDelayMs?: number;
  /** Delete closed segments whose newest record is older than this; default: keep forever. */
  readonly retentionMs?: number;
  /** Delete the oldest closed segments while a partition is larger than this; default: no limit. */
  readonly retentionBytes?: number;
  /** Size at which a partition starts a new segment file; default 64 MiB. */
  readonly segmentBytes?: number;
  /** How often retention is applied; default 60 s. */
  readonly retentionCheckIntervalMs?: number;
  /**
   * Largest request accepted (Kafka's `socket.request.max.bytes`); a larger one
   * closes its connection. Default 100 MiB.
   */
  readonly maxRequestBytes?: number;
  /** Open connections at most (Kafka's `max.connections`); one more is closed at once. Default 1,000. */
  readonly maxConnections?: number;
  /**
   * A connection with no byte read or written for this long, and no request in
   * flight, is closed (Kafka's `connections.max.idle.ms`). Default 10 minutes.
   */
  readonly connectionsMaxIdleMs?: number;
  /** Largest transaction timeout a transactional producer may ask for (Kafka's `transaction.max.timeout.ms`); default 15 minutes. */
  readonly transactionMaxTimeoutMs?: number;
  /**
   * How often transactions older than their timeout are aborted (Kafka's
   * `transaction.abort.timed.out.transaction.cleanup.interval.ms`); default 10 s.
   */
  readonly transactionAbortIntervalMs?: number;
  /** Where unexpected internal errors are reported; default `console.error`. */
  readonly logError?: (message: string) => void;
  /** A SASL_PLAINTEXT listener on a second port; default none. */
  readonly sasl?: SaslListenerOptions;
}

export interface ResolvedBrokerOptions {
  readonly port: number;
  readonly host: string;
  readonly advertisedHost: string;
  readonly dataDir: string;
  readonly autoCreateTopics: boolean;
  readonly defaultPartitions: number;
  readonly initialRebalanceDelayMs: number;
  readonly retentionMs?: number;
  readonly retentionBytes?: number;
  readonly segmentBytes: number;
  readonly retentionCheckIntervalMs: number;
  readonly maxRequestBytes: number;
  readonly maxConnections: number;
  readonly connectionsMaxIdleMs: number;
  readonly transactionMaxTimeoutMs: number;
  readonly transactionAbortIntervalMs: number;
  readonly logError: (message: string) => void;
  readonly sasl?: ResolvedSaslOptions;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 0)
    throw new Error(`${name} must be a non-negative integer`);
  return resolved;
}

function timerInterval(name: string, value: number | undefined, fallback: number): number {
  const resolved = positiveInteger(name, value, fallback);
  if (resolved < 1 || resolved >= 2 ** 31) throw new Error(`${name} must be from 1 to 2^31 - 1`);
  return resolved;
}

export function resolveBrokerOptions(options: KafkaBrokerOptions): ResolvedBrokerOptions {
  const defaultPartitions = positiveInteger('defaultPartitions', options.defaultPartitions, 1);
  if (defaultPartitions < 1) throw new Error('defaultPartitions must be at least 1');
  const segmentBytes = positiveInteger('segmentBytes', options.segmentBytes, 64 * 1024 * 1024);
  // The sparse index stores 32-bit positions within a segment.
  if (segmentBytes < 1 || segmentBytes >= 2 ** 31)
    throw new Error('segmentBytes must be from 1 to 2^31 - 1');
  const maxConnections = positiveInteger('maxConnections', options.maxConnections, 1_000);
  if (maxConnections < 1) throw new Error('maxConnections must be at least 1');
  const connectionsMaxIdleMs = positiveInteger(
    'connectionsMaxIdleMs',
    options.connectionsMaxIdleMs,
    10 * 60 * 1000,
  );
  // Node's timers take at most 2^31 - 1 ms (about 24.8 days).
  if (connectionsMaxIdleMs < 1 || connectionsMaxIdleMs >= 2 ** 31)
    throw new Error('connectionsMaxIdleMs must be from 1 to 2^31 - 1');
  return {
    port: positiveInteger('port', options.port, 9092),
    host: options.host ?? '127.0.0.1',
    advertisedHost: options.advertisedHost ?? '127.0.0.1',
    dataDir: options.dataDir,
    autoCreateTopics: options.autoCreateTopics ?? true,
    defaultPartitions,
    initialRebalanceDelayMs: positiveInteger(
      'initialRebalanceDelayMs',
      options.initialRebalanceDelayMs,
      0,
    ),
    retentionMs: options.retentionMs,
    retentionBytes: options.retentionBytes,
    segmentBytes,
    retentionCheckIntervalMs: positiveInteger(
      'retentionCheckIntervalMs',
      options.retentionCheckIntervalMs,
      60_000,
    ),
    maxRequestBytes: positiveInteger('maxRequestBytes', options.maxRequestBytes, 100 * 1024 * 1024),
    maxConnections,
    connectionsMaxIdleMs,
    transactionMaxTimeoutMs: positiveInteger(
      'transactionMaxTimeoutMs',
      options.transactionMaxTimeoutMs,
      15 * 60 * 1000,
    ),
    transactionAbortIntervalMs: timerInterval(
      'transactionAbortIntervalMs',
      options.transactionAbortIntervalMs,
      10_000,
    ),
    logError: options.logError ?? ((message) => console.error(message)),
    sasl: options.sasl === undefined ? undefined : resolveSaslOptions(options.sasl, options.port),
  };
}

function resolveSaslOptions(sasl: SaslListenerOptions, plainPort: number): ResolvedSaslOptions {
  const port = sasl.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error('sasl.port must be a port number from 0 to 65535');
  if (port !== 0 && port === plainPort)
    throw new Error(`sasl.port must differ from port (both are ${port})`);
  const mechanisms = sasl.mechanisms ?? SASL_MECHANISMS;
  if (!Array.isArray(mechanisms) || mechanisms.length === 0)
    throw new Error(`sasl.mechanisms must list at least one of ${SASL_MECHANISMS.join(', ')}`);
  for (const mechanism of mechanisms) {
    if (!SASL_MECHANISMS.includes(mechanism))
      throw new Error(
        `sasl.mechanisms: "${String(mechanism)}" is not supported (${SASL_MECHANISMS.join(', ')})`,
      );
  }
  if (new Set(mechanisms).size !== mechanisms.length)
    throw new Error('sasl.mechanisms names a mechanism twice');
  if (!Array.isArray(sasl.users) || sasl.users.length === 0)
    throw new Error('sasl.users must list at least one user ({ username, password })');
  const usernames = new Set<string>();
  const users = sasl.users.map((user: Partial<SaslUser> | null, index): SaslUser => {
    const { username, password } = user ?? {};
    // PLAIN separates its fields with NUL, so neither may hold one.
    if (typeof username !== 'string' || username === '' || username.includes('\0'))
      throw new Error(`sasl.users[${index}].username must be a non-empty string without NUL`);
    if (typeof password !== 'string' || password === '' || password.includes('\0'))
      throw new Error(`sasl.users[${index}].password must be a non-empty string without NUL`);
    if (usernames.has(username)) throw new Error(`sasl.users: user "${username}" is listed twice`);
    usernames.add(username);
    return { username, password };
  });
  return { port, mechanisms: [...mechanisms], users };
}

import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../config/log-levels';
import { currentCorrelation } from './correlation-context';

/** The current correlation's ids for a log line (not what else the request keeps in it). */
function correlationFields(): Record<string, string> {
  const correlation = currentCorrelation();
  if (correlation === undefined) return {};
  const { correlationId, causationId } = correlation;
  return causationId === undefined ? { correlationId } : { correlationId, causationId };
}

export interface JsonLoggerOptions {
  readonly service: string;
  readonly level: LogLevel;
  /** Where lines go; stdout when omitted. */
  readonly destination?: DestinationStream;
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

const STACK_LINE = /\n\s+at /;

/** Loggers holding request lines not yet written; written when the process exits, however it exits. */
const unwrittenBatches = new Set<JsonLogger>();
process.on('exit', () => {
  for (const logger of unwrittenBatches) logger.writeBatch();
});

let lastMillisecond = 0;
let lastTimeField = '';

/** pino's ISO `time` field, formatted once per millisecond: busy services write several lines per ms. */
function isoTimeOncePerMillisecond(): string {
  const now = Date.now();
  if (now !== lastMillisecond) {
    lastMillisecond = now;
    lastTimeField = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTimeField;
}

/**
 * Nest `LoggerService` writing one JSON object per line: level, time, service,
 * context, msg, the current correlation ids and, for errors, the stack.
 */
export class JsonLogger implements LoggerService {
  /** The underlying pino logger, for hot paths that log structured fields directly. */
  readonly pino: Logger;
  /** The service every line names. */
  readonly service: string;
  private readonly destination: DestinationStream;
  /** The `service` member as pino writes it after `time`. */
  private readonly serviceMember: string;
  /** Request lines of this event-loop turn, written together at its end (`writeBatch`). */
  private batch = '';

  constructor(options: JsonLoggerOptions) {
    // Synchronous: an audit trail must not lose the lines buffered when the process is killed,
    // nor (review found) the chunk an asynchronous writer still has in flight to a full pipe at
    // exit. It costs a write per line.
    this.destination = options.destination ?? pino.destination({ dest: 1, sync: true });
    this.service = options.service;
    this.serviceMember = `,"service":${JSON.stringify(options.service)}`;
    const writeBatch = () => this.writeBatch();
    this.pino = pino(
      {
        level: options.level,
        base: { service: options.service },
        messageKey: 'msg',
        timestamp: isoTimeOncePerMillisecond,
        formatters: { level: (label) => ({ level: label }) },
        // A line that names its own correlation spares the context lookup.
        mixin: (fields) => ('correlationId' in fields ? {} : correlationFields()),
        // Request lines gathered this turn go first, so lines keep the order they were logged in.
        hooks: {
          logMethod(args, method) {
            writeBatch();
            method.apply(this, args);
          },
        },
      },
      this.destination,
    );
  }

  /**
   * Writes the line pino would write for `fields` and `msg`, from `members`:
   * the fields already serialized as JSON members (`"status":200,"ms":1.5`),
   * which must include `correlationId`. For the one line every request writes,
   * where pino's per-field serialization costs more than the write itself.
   * The lines of one event-loop turn are written together at its end (a
   * write each cost as much as the rest of the line), before any other line,
   * and at exit; a SIGKILL loses at most the turn under way.
   */
  writeMembers(level: Level, members: string, msg: string): void {
    if (!this.pino.isLevelEnabled(level)) return;
    if (this.batch === '') {
      unwrittenBatches.add(this);
      setImmediate(() => this.writeBatch());
    }
    this.batch += `{"level":"${level}"${isoTimeOncePerMillisecond()}${this.serviceMember},${members},"msg":${JSON.stringify(msg)}}\n`;
  }

  /** Writes the request lines gathered so far, if any. */
  writeBatch(): void {
    if (this.batch === '') return;
    const lines = this.batch;
    this.batch = '';
    unwrittenBatches.delete(this);
    this.destination.write(lines);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  /** Nest calls `error(message, stack?, context?)`; an Error may also be passed directly. */
  error(message: unknown, ...optionalParams: unknown[]): void {
    const [first, second] = optionalParams;
    let stack: string | undefined;
    let context: unknown;
    if (optionalParams.length >= 2) {
      stack = typeof first === 'string' ? first : undefined;
      context = second;
    } else if (typeof first === 'string' && STACK_LINE.test(first)) {
      stack = first;
    } else {
      context = first;
    }
    this.emit('error', message, typeof context === 'string' ? context : undefined, stack);
  }

  private write(level: Level, message: unknown, optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    this.emit(level, message, typeof context === 'string' ? context : undefined, undefined);
  }

  private emit(
    level: Level,
    message: unknown,
    context: string | undefined,
    stack: string | undefined,
  ): void {
    if (!this.pino.isLevelEnabled(level)) return;
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, message.message);
    } else if (typeof message === 'string') {
      // Nest hands over the stack alone; an Error around it serializes like any other.
      const err = stack === undefined ? undefined : Object.assign(new Error(message), { stack });
      this.pino[level](err === undefined ? { context } : { context, err }, message);
    } else {
      this.pino[level]({ context, data: message }, '');
    }
  }
}

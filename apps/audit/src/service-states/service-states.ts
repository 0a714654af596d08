import { CORRELATION_HEADER, currentCorrelation } from '@hirestream/platform';
import { Injectable } from '@nestjs/common';
import { AuditConfig } from '../audit.config';
import { serviceUrls } from './service-urls';

/** A service's own fold of a stream at a revision, as its state route answers it. */
export type ServiceState = Readonly<{
  revision: string;
  aggregates: Readonly<Record<string, unknown>>;
  schemaVersions: readonly unknown[];
  upcasted: readonly unknown[];
}>;

/** Services that did not answer with their state: 502, each named with what went wrong. */
export class ServicesUnansweredError extends Error {
  constructor(readonly failures: ReadonlyMap<string, string>) {
    super(
      `no state from ${[...failures].map(([service, reason]) => `${service} (${reason})`).join(', ')}`,
    );
    this.name = 'ServicesUnansweredError';
  }
}

function isServiceState(body: unknown, revision: bigint): body is ServiceState {
  const state = body as Partial<ServiceState> | null;
  return (
    typeof state === 'object' &&
    state !== null &&
    state.revision === revision.toString() &&
    typeof state.aggregates === 'object' &&
    state.aggregates !== null &&
    Array.isArray(state.schemaVersions) &&
    Array.isArray(state.upcasted)
  );
}

/**
 * Asks every service (AUDIT_SERVICE_URLS) for its state of a stream at a
 * revision, all at once, with the caller's bearer token: each service decides
 * for itself who may read it.
 */
@Injectable()
export class ServiceStates {
  private readonly urls: ReadonlyMap<string, string>;
  private readonly timeoutMs: number;

  constructor(config: AuditConfig) {
    this.urls = serviceUrls(config.AUDIT_SERVICE_URLS);
    this.timeoutMs = config.AUDIT_SERVICE_TIMEOUT_MS;
  }

  /** Every service's state, by service name, in the order configured. */
  async at(
    streamName: string,
    revision: bigint,
    authorization: string,
  ): Promise<Record<string, ServiceState>> {
    const failures = new Map<string, string>();
    const answers = await Promise.all(
      [...this.urls].map(async ([service, url]) => {
        const answer = await this.ask(url, streamName, revision, authorization);
        if (typeof answer === 'string') failures.set(service, answer);
        return [service, answer] as const;
      }),
    );
    if (failures.size > 0) throw new ServicesUnansweredError(failures);
    return Object.fromEntries(answers) as Record<string, ServiceState>;
  }

  /** The service's state, or what went wrong. */
  private async ask(
    url: string,
    streamName: string,
    revision: bigint,
    authorization: string,
  ): Promise<ServiceState | string> {
    const correlation = currentCorrelation()?.correlationId;
    let response: Response;
    try {
      response = await fetch(
        `${url}/audit/streams/${encodeURIComponent(streamName)}/state?revision=${revision}`,
        {
          headers: {
            authorization,
            accept: 'application/json',
            ...(correlation === undefined ? {} : { [CORRELATION_HEADER]: correlation }),
          },
          signal: AbortSignal.timeout(this.timeoutMs),
        },
      );
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return `did not answer at ${url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
    }
    const body = await response.json().catch(() => undefined);
    if (response.status !== 200) {
      const detail = (body as { detail?: unknown } | undefined)?.detail;
      return `answered ${response.status}${typeof detail === 'string' ? `: ${detail}` : ''}`;
    }
    return isServiceState(body, revision) ? body : 'answered with something other than its state';
  }
}

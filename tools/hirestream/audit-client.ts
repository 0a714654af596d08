import { CommandError } from '../command-error';
import { developmentToken } from '../development-token';

export const DEFAULT_AUDIT_URL = 'http://localhost:3007';
const REQUEST_TIMEOUT_MS = 120_000;

/** The service refused what the command line asked for (a 400): exit code 2, as for bad arguments. */
export class RefusedArgumentsError extends CommandError {}

export type AuditConnection = Readonly<{ url: string; token: string | undefined }>;

type Problem = Readonly<{
  title?: string;
  detail?: string;
  errors?: readonly { field?: string; message?: string }[];
}>;

/**
 * The audit service's HTTP routes, called as an auditor: with the token given, or,
 * without one, a development token (role auditor) as services in
 * AUTH_MODE=development accept.
 */
export class AuditClient {
  private constructor(
    readonly url: string,
    private readonly authorization: string,
    private readonly minted: boolean,
  ) {}

  static async connect({ url, token }: AuditConnection): Promise<AuditClient> {
    if (token !== undefined) return new AuditClient(url, `Bearer ${token}`, false);
    const minted = await developmentToken({ roles: ['auditor'], subject: 'hirestream-cli' });
    return new AuditClient(url, `Bearer ${minted}`, true);
  }

  async json<T>(path: string): Promise<T> {
    const response = await this.get(path, 'application/json');
    return (await response.json()) as T;
  }

  /** The body's bytes, with the file name the service suggests. */
  async download(path: string): Promise<{ bytes: Uint8Array; fileName: string | undefined }> {
    const response = await this.get(path, '*/*');
    const disposition = response.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"/\\]+)"/.exec(disposition)?.[1];
    return { bytes: new Uint8Array(await response.arrayBuffer()), fileName };
  }

  /** The JSON at `path`, or undefined for a 404 (a thing that is not there yet). */
  async optionalJson<T>(path: string): Promise<T | undefined> {
    try {
      return await this.json<T>(path);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  private async get(path: string, accept: string): Promise<Response> {
    const target = new URL(path, this.url.endsWith('/') ? this.url : `${this.url}/`);
    let response: Response;
    try {
      response = await fetch(target, {
        headers: { authorization: this.authorization, accept },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
      throw new CommandError(
        `cannot reach the audit service at ${this.url} (--url, AUDIT_URL): ${cause instanceof Error ? cause.message : String(cause)}`,
      );
    }
    if (response.ok) return response;
    const problem = await problemOf(response);
    const said = problem.detail ?? problem.title ?? response.statusText;
    const fields = (problem.errors ?? [])
      .map(({ field, message }) => `${field ?? '?'}: ${message ?? ''}`)
      .join('; ');
    const status = `${response.status} from GET ${target.pathname}`;
    if (response.status === 400) {
      throw new RefusedArgumentsError(
        `the audit service refused the arguments (${status}): ${fields || said}`,
      );
    }
    if (response.status === 404) throw new NotFoundError(`${said} (${status})`);
    if (response.status === 401) {
      throw new CommandError(
        `the audit service refused the ${this.minted ? 'development token this command minted' : 'token'} (${status}): ${said}` +
          (this.minted
            ? '; outside AUTH_MODE=development give a token with --token or HIRESTREAM_TOKEN'
            : ''),
      );
    }
    if (response.status === 403) {
      throw new CommandError(
        `the token's roles may not do this (${status}): ${said}; the audit routes need the auditor or admin role`,
      );
    }
    throw new CommandError(`the audit service failed (${status}): ${said}`);
  }
}

/** A 404: what was asked for is not there. */
export class NotFoundError extends CommandError {}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Problem) : {};
  } catch {
    return { detail: text.slice(0, 200) || undefined };
  }
}

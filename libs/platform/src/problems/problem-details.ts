import type { FieldProblem } from '@hirestream/contracts';
import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** An RFC 9457 problem document, with the extensions this platform adds. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly correlationId?: string;
  readonly errors?: readonly FieldProblem[];
}

/** The status phrase (RFC 9457 asks for it as the title when the type is about:blank). */
export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** `urn:hirestream:problem:<slug>` names a problem type without pointing at a host. */
export function problemType(slug: string): string {
  return `urn:hirestream:problem:${slug}`;
}

/** `CommandRejectedError` → `command-rejected`. */
export function slugOfErrorName(name: string): string {
  return name
    .replace(/Error$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

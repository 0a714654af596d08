import { BadRequestException } from '@nestjs/common';

/** A stream revision as a strong HTTP entity tag: `"12"`. */
export function entityTagOf(revision: bigint): string {
  return `"${revision.toString()}"`;
}

const STRONG_REVISION_TAG = /^"(\d{1,20})"$/;

/**
 * The revision an `If-Match` header asks for, or undefined without the header.
 * Only one strong tag naming a revision is meaningful for a stream; anything
 * else is refused rather than silently ignored.
 */
export function revisionFromIfMatch(header: string | string[] | undefined): bigint | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  const match = STRONG_REVISION_TAG.exec(value.trim());
  if (match === null) {
    throw new BadRequestException(
      `If-Match must be one strong entity tag as returned in ETag (for example "3"), got ${value}`,
    );
  }
  return BigInt(match[1]);
}

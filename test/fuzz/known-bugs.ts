import type { HiringSeeds } from '../support/hiring-seeds';
import type { ServiceApp } from '../support/service-app';

/**
 * A service bug the fuzz found that is not fixed yet. The fuzz lets the
 * problems it explains pass, so that it keeps checking everything else; its
 * `fixed` check fails while the bug lasts (the spec runs it as `it.failing`),
 * so the day it is fixed that case fails: then delete the entry.
 */
export type KnownBug = Readonly<{
  name: string;
  /** Whether a problem the fuzz found, or a reason it called a request invalid, is this bug. */
  explains: (problem: string) => boolean;
  /** Asserts the right behaviour on one request that shows the bug. */
  fixed: (apps: Readonly<Record<string, ServiceApp>>, seeds: HiringSeeds) => Promise<void>;
}>;

/** None known today. */
export const KNOWN_BUGS: readonly KnownBug[] = [];

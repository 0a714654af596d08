/** Data fields that say why something was done. */
const WHY = new Set([
  'reason',
  'reasons',
  'rationale',
  'note',
  'notes',
  'category',
  'message',
  'comment',
  'comments',
  'justification',
  'explanation',
]);
const MAX_DEPTH = 8;

/**
 * The fields of an event's data that say why (a rejection's reason and
 * category, a decision's rationale, a counter's message), at any depth, by
 * dotted path (`proposals.0.reason`), with their values as stored.
 */
export function reasonsOf(data: unknown): Record<string, unknown> {
  const reasons: Record<string, unknown> = {};
  const walk = (value: unknown, path: string, depth: number): void => {
    if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return;
    for (const [key, inner] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (WHY.has(key) && inner !== null && inner !== undefined) {
        Object.defineProperty(reasons, at, { value: inner, enumerable: true });
      } else walk(inner, at, depth + 1);
    }
  };
  walk(data, '', 0);
  return reasons;
}

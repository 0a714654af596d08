/*
 * A token's `sub` becomes the actor id recorded on every event the caller
 * causes (and on fields such as `screenedBy`), so it must be an id an event
 * schema accepts: 1–100 code points (as JSON Schema counts them), nothing
 * invisible or ambiguous: no control, format, surrogate, private-use or
 * unassigned characters and no white space or separators anywhere. Identity
 * providers' subjects (`auth0|42`, UUIDs, e-mail addresses) fit.
 */

export const ACTOR_ID_MAX_LENGTH = 100;

/** The rule as a pattern (for the `u` flag, as JSON Schema's `pattern` is read). */
export const ACTOR_ID_PATTERN = `^[^\\p{C}\\p{Z}\\s]{1,${ACTOR_ID_MAX_LENGTH}}$`;

/** The rule in words, for refusals. */
export const ACTOR_ID_RULE = `1–${ACTOR_ID_MAX_LENGTH} characters without white space, control or invisible formatting characters`;

const actorIdPattern = new RegExp(ACTOR_ID_PATTERN, 'u');

export function isActorId(value: unknown): value is string {
  return typeof value === 'string' && actorIdPattern.test(value);
}

/** A failure explained to the user: its message is printed alone, and the command exits 1. */
export class CommandError extends Error {}

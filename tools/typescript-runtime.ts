import { join } from 'node:path';

/** Node arguments that run a TypeScript entry point of this project (see register-typescript.js). */
export const TYPESCRIPT_NODE_ARGS: readonly string[] = [
  '-r',
  join(__dirname, 'register-typescript.js'),
];

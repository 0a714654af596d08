import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { PlatformConfig } from './platform.config';

export interface ConfigProblem {
  readonly variable: string;
  readonly rule: string;
  readonly message: string;
}

/** Thrown at start when the environment is invalid; the message names every bad variable and rule. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.variable}: ${p.message} (rule: ${p.rule})`).join('\n')}`,
    );
    this.name = 'ConfigValidationError';
  }
}

export type ConfigClass<C extends PlatformConfig> = new () => C;

function problemsOf(errors: readonly ValidationError[], prefix = ''): ConfigProblem[] {
  return errors.flatMap((error) => [
    ...Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      variable: prefix + error.property,
      rule,
      message,
    })),
    ...problemsOf(error.children ?? [], `${prefix}${error.property}.`),
  ]);
}

/**
 * Reads `configClass` from environment variables: empty values count as unset,
 * property initializers are the defaults, and variables the class does not
 * declare are dropped.
 */
export function loadConfig<C extends PlatformConfig>(
  configClass: ConfigClass<C>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): C {
  const source: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') source[name] = value;
  }
  const config = plainToInstance(configClass, source, { exposeDefaultValues: true });
  const errors = validateSync(config, {
    whitelist: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new ConfigValidationError(problemsOf(errors));
  return config;
}

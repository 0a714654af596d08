import { BlockList, isIP } from 'node:net';
import { ValidateBy, type ValidationArguments } from 'class-validator';

/*
 * The configuration rules that keep auth safe by default: development tokens
 * (which anyone holding the development secret can mint, for any role) only
 * on a loopback interface and never in production; identity provider keys
 * only over https unless they come from this machine.
 */

/** The one value of AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK that lets development mode listen on a network. */
export const DEVELOPMENT_TOKENS_ON_NETWORK_CONSENT = 'i-understand-anyone-can-mint-admin-tokens';

/** Where `bootstrapService` listens when HOST is unset. */
const DEFAULT_HOST = '127.0.0.1';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** 127.0.0.0/8, ::1 (also IPv4-mapped or bracketed) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const address = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (address.toLowerCase() === 'localhost') return true;
  const family = isIP(address);
  return family !== 0 && loopback.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** The auth variables the rules below read from the configuration being validated. */
interface AuthEnvironment {
  readonly NODE_ENV?: string;
  readonly HOST?: string;
  readonly AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK?: string;
}

const environmentOf = (args?: ValidationArguments): AuthEnvironment =>
  (args?.object ?? {}) as AuthEnvironment;

/** On AUTH_MODE: development is refused when NODE_ENV=production, whatever else is set. */
export function NotDevelopmentInProduction(): PropertyDecorator {
  return ValidateBy({
    name: 'notDevelopmentInProduction',
    validator: {
      validate: (mode: unknown, args?: ValidationArguments) =>
        !(mode === 'development' && environmentOf(args).NODE_ENV === 'production'),
      defaultMessage: () =>
        'AUTH_MODE=development is refused when NODE_ENV=production: anyone can mint development tokens; use AUTH_MODE=jwks',
    },
  });
}

/** On AUTH_MODE: development listens on a loopback HOST only, unless the override says it knows better. */
export function DevelopmentOnLoopbackOnly(): PropertyDecorator {
  return ValidateBy({
    name: 'developmentOnLoopbackOnly',
    validator: {
      validate: (mode: unknown, args?: ValidationArguments) => {
        const env = environmentOf(args);
        return (
          mode !== 'development' ||
          isLoopbackHost(env.HOST ?? DEFAULT_HOST) ||
          env.AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK === DEVELOPMENT_TOKENS_ON_NETWORK_CONSENT
        );
      },
      defaultMessage: (args?: ValidationArguments) =>
        `AUTH_MODE=development is refused on HOST=${environmentOf(args).HOST ?? DEFAULT_HOST}: ` +
        'anyone who reaches this service could mint admin tokens. Listen on a loopback address ' +
        '(127.0.0.1, ::1, localhost), use AUTH_MODE=jwks, or set ' +
        `AUTH_ALLOW_DEVELOPMENT_TOKENS_ON_NETWORK=${DEVELOPMENT_TOKENS_ON_NETWORK_CONSENT}`,
    },
  });
}

/** On a URL: https, or http to this machine (a local identity provider or a test). */
export function HttpsUnlessLoopback(): PropertyDecorator {
  return ValidateBy({
    name: 'httpsUnlessLoopback',
    validator: {
      validate: (value: unknown) => {
        // Whether it is a URL at all is @IsUrl's to say, once.
        if (typeof value !== 'string' || !URL.canParse(value)) return true;
        const url = new URL(value);
        return (
          url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))
        );
      },
      defaultMessage: (args?: ValidationArguments) =>
        `${args?.property ?? 'The URL'} must use https (http only to a loopback address)`,
    },
  });
}

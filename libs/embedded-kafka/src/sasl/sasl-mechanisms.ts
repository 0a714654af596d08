import { ResolvedSaslOptions, SaslMechanism } from '../broker-options';
import { PlainCredentials, PlainExchange } from './plain-exchange';
import { SaslExchange } from './sasl-authentication-error';
import { scramCredentials } from './scram-credentials';
import { ScramSha512Exchange } from './scram-exchange';

/** The SASL listener's enabled mechanisms and users, shared by its connections. */
export interface SaslMechanisms {
  /** In the configured order, as SaslHandshake lists them. */
  readonly enabled: readonly string[];
  /** A new exchange for an enabled mechanism; undefined for any other name (case-sensitive, as Kafka). */
  start(mechanism: string): SaslExchange | undefined;
}

/** Computes the users' salted SCRAM credentials once; passwords are kept only as PLAIN digests. */
export async function saslMechanisms(options: ResolvedSaslOptions): Promise<SaslMechanisms> {
  const enabled: readonly SaslMechanism[] = options.mechanisms;
  const plain = enabled.includes('PLAIN') ? new PlainCredentials(options.users) : undefined;
  const scram = enabled.includes('SCRAM-SHA-512')
    ? await scramCredentials(options.users)
    : undefined;
  return {
    enabled,
    start(mechanism) {
      if (mechanism === 'PLAIN' && plain !== undefined) return new PlainExchange(plain);
      if (mechanism === 'SCRAM-SHA-512' && scram !== undefined)
        return new ScramSha512Exchange(scram);
      return undefined;
    },
  };
}

export { startKafkaBroker } from './kafka-broker';
export type { KafkaBroker } from './kafka-broker';
export type {
  KafkaBrokerOptions,
  SaslListenerOptions,
  SaslMechanism,
  SaslUser,
} from './broker-options';

export { startKafkaBroker } from './kafka-broker';
export type { KafkaBroker } from './kafka-broker';
export type { KafkaBrokerOptions } from './broker-options';

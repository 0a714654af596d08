export { startEventStoreServer } from './event-store-server';
export type { EventStoreServer, EventStoreServerOptions } from './event-store-server';

export { serviceOptionsOf, useServiceApp, useServiceApps } from './service-app';
export type { ServiceApp, ServiceAppOptions, ServiceRequest } from './service-app';
export { startEmbeddedServers, type EmbeddedServers } from './embedded-servers';
export { bearer } from './tokens';
export { describeWithDocker } from './describe-with-docker';
export { freePort } from './free-port';
export { makeTempDir, removeTempDir } from './temp-dir';

export {
  serviceNames,
  serviceOptionsOf,
  useServiceApp,
  useServiceApps,
  whenReady,
} from './service-app';
export type { ServiceApp, ServiceAppOptions, ServiceRequest } from './service-app';
export { auditAppOptions } from './audit-app';
export { startEmbeddedServers, type EmbeddedServers } from './embedded-servers';
export { bearer } from './tokens';
export { describeWithDocker } from './describe-with-docker';
export { describeWithChromium, launchChromium } from './headless-chromium';
export { freePort } from './free-port';
export { makeTempDir, removeTempDir } from './temp-dir';
export { AppendedEvents, type AppendedEvent, type StoreMark } from './appended-events';
export { eventually } from './eventually';
export { TestClock } from './test-clock';
export { ConsumeOutcomes } from './consume-outcomes';
export { useKafkaRedelivery, type KafkaRedelivery } from './kafka-redelivery';
export { signedWebhook, type SignedWebhook } from './screening-webhooks';
export {
  ALWAYS_AVAILABLE,
  assignmentSeeds,
  checkSeeds,
  hiringSeeds,
  hoursAfter,
  interviewGuideSeeds,
  offerSeeds,
  SEEDED_CHECK_ITEM_ID,
  SEEDED_INTERVIEW_KIND,
  SEEDED_JOB_ID,
  SEEDED_OFFER_EXPIRES_AT,
  SEEDED_RUBRIC,
  seededInterviewKit,
  type AssignmentSeeds,
  type CheckSeeds,
  type HiringSeeds,
  type InterviewGuideSeeds,
  type OfferSeeds,
} from './hiring-seeds';
export {
  operationsOf,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
} from './openapi-operations';

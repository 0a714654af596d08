export {
  bootstrapService,
  createServiceApp,
  startMicroservices,
  type ServiceOptions,
} from './bootstrap/service-bootstrap';
export { loadConfig, ConfigValidationError, type ConfigProblem } from './config/config-loader';
export { PolicyFileError, readPolicyEntries } from './config/policy-files';
export { PlatformConfig, type AuthMode } from './config/platform.config';
export {
  runsBackgroundWork,
  servesApi,
  SERVICE_ROLES,
  type ServiceRole,
} from './config/service-role';
export { BackgroundWork } from './bootstrap/background-work';
export { SingleActive, type ActiveLease } from './bootstrap/single-active';
export { HttpsUnlessLoopback } from './config/auth-config-rules';
export {
  actingPrincipalOf,
  CandidateScope,
  CurrentPrincipal,
  Public,
  Roles,
  type RequestWithPrincipal,
} from './auth/auth.decorators';
export type { ActingPrincipal, Principal } from './auth/principal';
export { ACTOR_ID_MAX_LENGTH, ACTOR_ID_PATTERN, ACTOR_ID_RULE, isActorId } from './auth/actor-id';
export { ROLES, isRole, type Role } from './auth/roles';
export { DEVELOPMENT_SIGNING_SECRET } from './config/development-secret';
export {
  signDevelopmentToken,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_AUDIENCE,
  type DevelopmentSigningConfig,
  type DevelopmentTokenRequest,
} from './auth/development-token';
export type { ReadinessCheck, ReadinessReport, CheckReport } from './health/readiness-check';
export { ReadinessRegistry } from './health/readiness.registry';
export { ProblemMapper, type ProblemMapping, type ErrorClass } from './problems/problem-mapping';
export type { ProblemDetails } from './problems/problem-details';
export { RequestValidationError } from './problems/request-validation.error';
export { JsonLogger } from './logging/json-logger';
export type { LogLevel } from './config/log-levels';
export { Clock } from './clock/clock';
export {
  runWithCorrelation,
  currentCorrelation,
  type CorrelationIds,
} from './logging/correlation-context';
export { CORRELATION_HEADER } from './http/request-hooks';
export { entityTagOf, revisionFromIfMatch } from './http/entity-tag';
export {
  ABANDONED_RESERVATION_MS,
  IDEMPOTENCY_STORE,
  type IdempotencyReservation,
  type IdempotencyStore,
  type StoredResponse,
} from './http/idempotency-store';
export { IdempotencyInterceptor } from './http/idempotency.interceptor';
export {
  CommandRoute,
  QueryRoute,
  WebhookRoute,
  type CommandRouteOptions,
  type QueryRouteOptions,
  type WebhookRouteOptions,
} from './http/routes';
export {
  webhookSignature,
  webhookSignatureProblem,
  type SignatureRules,
  type SignedDelivery,
} from './http/webhook-signature';
export { ValidBody, ValidParams, ValidQuery, type Refinement } from './http/request-schemas';
export { MAX_BODY_BYTES, MAX_BODY_DEPTH, nestsDeeperThan } from './http/json-body-parser';
export {
  filesIn,
  StaticPage,
  staticPageController,
  STATIC_PAGE_SECURITY_POLICY,
  type StaticPageOptions,
} from './http/static-page';

export {
  startScreeningProvider,
  type ScreeningProviderOptions,
  type ScreeningProviderServer,
} from './screening-provider-server';
export type { DeliveryOutcome, DeliveryReport, DeliverySettings } from './webhook-deliveries';
export { finalStatusOf } from './screening-outcomes';
export {
  DEVELOPMENT_API_KEY,
  DEVELOPMENT_WEBHOOK_SECRET,
  EMBEDDED_PROVIDER_PORT,
  SCREENING_WEBHOOK_PATH,
} from './screening-provider-defaults';
export * from './screening-provider-api';

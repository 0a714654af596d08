/*
 * What `npm start` runs the embedded provider with, and what the
 * background-checks service's configuration defaults to, so that the two
 * meet without setup. Public by design, like the development token secret:
 * the service refuses both in production.
 */

export const EMBEDDED_PROVIDER_PORT = 3090;

export const DEVELOPMENT_API_KEY = 'hirestream-development-screening-api-key';

export const DEVELOPMENT_WEBHOOK_SECRET =
  'hirestream-development-webhook-secret-anyone-can-sign-with-this';

/** The service's webhook route, which the provider calls. */
export const SCREENING_WEBHOOK_PATH = '/webhooks/screening-provider';

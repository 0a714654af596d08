import type { Provider } from '@nestjs/common';
import { LetterTemplates } from '../offer-letter/letter-templates';
import { OffersConfig } from '../offers.config';
import { DEFAULT_POLICIES_DIR, loadOfferPolicies } from './offer-policy-files';

/** The token the loaded policies are injected by. */
export const OFFER_POLICIES = Symbol('OFFER_POLICIES');

/** Loaded once at start: a bad policy file stops the service with a message naming the file and field. */
export const offerPoliciesProvider: Provider = {
  provide: OFFER_POLICIES,
  useFactory: (config: OffersConfig) => loadOfferPolicies(config.OFFERS_POLICIES_DIR),
  inject: [OffersConfig],
};

/** The letter templates, from the same policies folder. */
export const letterTemplatesProvider: Provider = {
  provide: LetterTemplates,
  useFactory: (config: OffersConfig) =>
    LetterTemplates.fromFolder(config.OFFERS_POLICIES_DIR ?? DEFAULT_POLICIES_DIR),
  inject: [OffersConfig],
};

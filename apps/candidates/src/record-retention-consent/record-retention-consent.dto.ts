import { utcInstant } from '@hirestream/contracts';
import { Type, type Static } from '@sinclair/typebox';

export const RecordRetentionConsentBody = Type.Object(
  {
    keepUntil: utcInstant({
      description: 'Until when the candidate consented to be kept (a later consent replaces it)',
      examples: ['2031-03-04T00:00:00Z'],
    }),
  },
  { title: 'RecordRetentionConsent', additionalProperties: false },
);
export type RecordRetentionConsentBody = Static<typeof RecordRetentionConsentBody>;

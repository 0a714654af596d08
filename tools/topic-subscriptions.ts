import type { asyncApiDocument } from '@hirestream/contracts';

/**
 * Which topics each service's consumer group reads (the group is named after
 * the service), for the AsyncAPI document's `receive` operations and
 * dead-letter channels. `test/asyncapi-document.int-spec.ts` checks it against
 * the topics the services' consumers subscribe to.
 */
export const TOPIC_SUBSCRIPTIONS: NonNullable<Parameters<typeof asyncApiDocument>[2]> = [
  { group: 'candidates', owners: ['assessment', 'background-checks', 'offers'] },
  { group: 'scheduling', owners: ['candidates'] },
  { group: 'assessment', owners: ['candidates', 'scheduling'] },
  { group: 'background-checks', owners: ['background-checks', 'candidates'] },
  { group: 'offers', owners: ['candidates'] },
  {
    group: 'notifications',
    owners: ['assessment', 'background-checks', 'candidates', 'offers', 'scheduling'],
  },
];

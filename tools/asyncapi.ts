import {
  asyncApiDocument,
  AUDIT_ANCHORS_TOPIC_DOCUMENT,
  hirestreamEventCatalog,
} from '@hirestream/contracts';
import { version } from '../package.json';
import { TOPIC_SUBSCRIPTIONS } from './topic-subscriptions';

// Prints the AsyncAPI document of every event hirestream publishes, the consumer groups
// and their dead-letter topics: `npm run -s asyncapi > asyncapi.json`.
console.log(
  JSON.stringify(
    asyncApiDocument(hirestreamEventCatalog, version, TOPIC_SUBSCRIPTIONS, [
      AUDIT_ANCHORS_TOPIC_DOCUMENT,
    ]),
    null,
    2,
  ),
);

import { asyncApiDocument, hirestreamEventCatalog } from '@hirestream/contracts';
import { version } from '../package.json';
import { TOPIC_SUBSCRIPTIONS } from './topic-subscriptions';

// Prints the AsyncAPI document of every event hirestream publishes, the consumer groups
// and their dead-letter topics: `npm run -s asyncapi > asyncapi.json`.
console.log(
  JSON.stringify(asyncApiDocument(hirestreamEventCatalog, version, TOPIC_SUBSCRIPTIONS), null, 2),
);

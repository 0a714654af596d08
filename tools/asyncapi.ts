import { asyncApiDocument, hirestreamEventCatalog } from '@hirestream/contracts';
import { version } from '../package.json';

// Prints the AsyncAPI document of every event hirestream publishes: `npm run -s asyncapi > asyncapi.json`.
console.log(JSON.stringify(asyncApiDocument(hirestreamEventCatalog, version), null, 2));

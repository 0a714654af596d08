import { EVENT_CATALOG } from '@hirestream/event-sourcing';
import type { EventCatalog } from '@hirestream/contracts';
import {
  LocalKeyEncryptionKey,
  PersonalDataVault,
  PostgresDataKeyStore,
} from '@hirestream/personal-data';
import type { FactoryProvider } from '@nestjs/common';
import { ReadModelDatabase } from '../database/read-model-database';
import { ProjectionWatch } from '../projection/projection-watch';
import { ReadModelConfig } from '../read-model.config';

/**
 * The service's `PersonalDataVault`: data keys in the platform's shared key
 * table, wrapped by the key-encryption key of PERSONAL_DATA_KEK_FILE. The
 * `EventStoreModule`'s serializer seals and opens every event with it. Keys
 * another process erases are dropped from memory as soon as it says so.
 */
export const personalDataVaultProvider: FactoryProvider<Promise<PersonalDataVault>> = {
  provide: PersonalDataVault,
  useFactory: async (
    db: ReadModelDatabase,
    config: ReadModelConfig,
    catalog: EventCatalog,
    watch: ProjectionWatch,
  ) => {
    const kek = await LocalKeyEncryptionKey.fromFile(config.PERSONAL_DATA_KEK_FILE, {
      create: config.NODE_ENV !== 'production',
    });
    const keys = new PostgresDataKeyStore(db, kek, { ttlMs: config.PERSONAL_DATA_KEY_TTL_MS });
    watch.onErasure((keyIds) => keys.forget(keyIds));
    return new PersonalDataVault(catalog, keys);
  },
  inject: [ReadModelDatabase, ReadModelConfig, EVENT_CATALOG, ProjectionWatch],
};

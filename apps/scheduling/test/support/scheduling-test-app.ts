import { EventStore } from '@hirestream/event-sourcing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bearer } from '../../../../test/support/candidates-service';
import {
  startEmbeddedServers,
  type EmbeddedServers,
} from '../../../../test/support/embedded-servers';
import { createSchedulingApp } from '../../../../test/support/scheduling-service';
import { schedulingFixtures, type SchedulingFixtures } from './scheduling-fixtures';

/** What a scheduling integration spec works with; filled in before its first test. */
export type SchedulingTestApp = {
  servers: EmbeddedServers;
  app: NestFastifyApplication;
  store: EventStore;
  fixtures: SchedulingFixtures;
  /** A coordinator's bearer token: the role that schedules. */
  coordinator: string;
};

/**
 * Starts embedded servers and the scheduling app (as `npm start` builds it)
 * before the spec file's tests, and stops them after; call at the top level.
 */
export function useSchedulingApp(name: string): Readonly<SchedulingTestApp> {
  const started = {} as SchedulingTestApp;
  beforeAll(async () => {
    started.servers = await startEmbeddedServers(name);
    started.app = await createSchedulingApp(started.servers);
    started.store = started.app.get(EventStore);
    started.fixtures = schedulingFixtures(started.store);
    started.coordinator = await bearer('coordinator-1', ['coordinator']);
  });
  afterAll(async () => {
    await started.app?.close();
    await started.servers?.stop();
  });
  return started;
}

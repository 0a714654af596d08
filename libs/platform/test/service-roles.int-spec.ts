import { BackgroundWork, createServiceApp, startMicroservices } from '@hirestream/platform';
import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TestServiceModule } from './test-service.module';

/** Background work in the platform's sense: started at bootstrap, unless the role says no. */
@BackgroundWork()
@Injectable()
class SweepTimer implements OnApplicationBootstrap {
  started = false;

  onApplicationBootstrap(): void {
    this.started = true;
  }
}

/** Marked through its base class, as a service's timers are through `TimerFiring`. */
@Injectable()
class NightlySweepTimer extends SweepTimer {}

@Module({ imports: [TestServiceModule], providers: [SweepTimer, NightlySweepTimer] })
class RolesTestModule {}

let app: NestFastifyApplication | undefined;
let consumersConnected = 0;

async function start(role: string | undefined): Promise<NestFastifyApplication> {
  const options = {
    serviceName: 'roles-test',
    module: RolesTestModule,
    env: { AUTH_MODE: 'development', LOG_LEVEL: 'warn', ROLE: role },
    shutdownHooks: false,
    connectMicroservices: () => void (consumersConnected += 1),
  };
  app = await createServiceApp(options);
  await startMicroservices(app, options);
  return app;
}

afterEach(async () => {
  await app?.close();
  app = undefined;
  consumersConnected = 0;
});

const get = (service: NestFastifyApplication, url: string) =>
  service.inject({ method: 'GET', url });

describe('ROLE', () => {
  it('all (the default) starts the background work and serves every route', async () => {
    const service = await start(undefined);
    expect(service.get(SweepTimer).started).toBe(true);
    expect(service.get(NightlySweepTimer).started).toBe(true);
    expect(consumersConnected).toBe(1);
    expect((await get(service, '/candidates')).statusCode).toBe(401);
    expect((await get(service, '/docs-json')).statusCode).toBe(200);
  });

  it('api serves every route and starts no background work and no consumers', async () => {
    const service = await start('api');
    expect(service.get(SweepTimer).started).toBe(false);
    expect(service.get(NightlySweepTimer).started).toBe(false);
    expect(consumersConnected).toBe(0);
    expect((await get(service, '/candidates')).statusCode).toBe(401);
    expect((await get(service, '/docs-json')).statusCode).toBe(200);
  });

  it('worker starts the background work and serves health and metrics only', async () => {
    const service = await start('worker');
    expect(service.get(NightlySweepTimer).started).toBe(true);
    expect(consumersConnected).toBe(1);
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      expect((await get(service, path)).statusCode).toBe(200);
    }
    for (const path of ['/candidates', '/candidates/c-1?x=1', '/docs', '/docs-json', '/']) {
      const response = await get(service, path);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ title: 'Not served by a worker', status: 404 });
    }
  });

  it('refuses an unknown role, naming the choices', async () => {
    await expect(start('both')).rejects.toThrow(/ROLE must be one of all, api, worker/);
  });
});

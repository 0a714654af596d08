import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';
import { SERVICES } from '../tools/services';

// docker-compose.yml and deploy/ checked without Docker or a cluster: both are
// what tools/services.ts makes them, compose's structure holds together, and
// every kustomize overlay renders with every service's objects as the code
// expects them (ports, probe paths, roles, image, a restrictive securityContext).

const root = join(__dirname, '..');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as Json;
const composeImage = String(compose.services['candidates-api'].image).split(':')[0];

it('docker-compose.yml and deploy/base are what tools/services.ts makes them', () => {
  const check = spawnSync(
    process.execPath,
    [...TYPESCRIPT_NODE_ARGS, join(root, 'tools', 'deployment-files.ts'), '--check'],
    { cwd: root, encoding: 'utf8' },
  );
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
});

describe('docker-compose.yml', () => {
  const services = compose.services as Record<string, Json>;

  it('runs the real servers: EventStoreDB 24.10, Kafka in KRaft mode, PostgreSQL', () => {
    expect(services.eventstore.image).toBe('eventstore/eventstore:24.10');
    expect(services.eventstore.environment).toMatchObject({ EVENTSTORE_INSECURE: 'true' });
    expect(services.kafka.image).toMatch(/^apache\/kafka:/);
    expect(services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(services.postgres.image).toMatch(/^postgres:/);
  });

  it('runs every service as an API and a worker, each healthy only when ready', () => {
    for (const service of SERVICES) {
      for (const role of ['api', 'worker']) {
        const container = services[`${service.name}-${role}`];
        expect(container).toBeDefined();
        expect(container.image).toBe(services['candidates-api'].image);
        expect(container.command).toEqual([service.name]);
        expect(container.environment).toMatchObject({ ROLE: role, PORT: String(service.port) });
        expect(container.read_only).toBe(true);
        expect(container.healthcheck.test).toContain('healthcheck');
      }
      expect(services[`${service.name}-api`].ports).toEqual([`${service.port}:${service.port}`]);
      expect(services[`${service.name}-worker`].ports).toBeUndefined();
      expect(services[`migrate-${service.name}`].command).toEqual(['migrate', service.name]);
    }
  });

  it('waits on what exists, with conditions compose knows, and declares every named volume', () => {
    const conditions = ['service_started', 'service_healthy', 'service_completed_successfully'];
    for (const [name, container] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(
        (container.depends_on ?? {}) as Record<string, { condition: string }>,
      )) {
        expect({ name, dependency, known: dependency in services }).toEqual({
          name,
          dependency,
          known: true,
        });
        expect(conditions).toContain(condition);
        if (condition === 'service_healthy') expect(services[dependency].healthcheck).toBeDefined();
      }
      for (const volume of (container.volumes ?? []) as string[]) {
        const source = volume.split(':')[0];
        if (!source.startsWith('.') && !source.startsWith('/')) {
          expect(Object.keys(compose.volumes)).toContain(source);
        }
      }
    }
  });

  it("creates every service's topic before the workers start", () => {
    const created = String(services['kafka-topics'].command);
    for (const service of SERVICES) {
      expect(created).toContain(`--topic hirestream.${service.name}.events `);
      expect(services[`${service.name}-worker`].depends_on['kafka-topics']).toEqual({
        condition: 'service_completed_successfully',
      });
    }
  });
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const describeWithKubectl = kubectl.status === 0 ? describe : describe.skip;
if (kubectl.status !== 0) {
  console.log(
    'Skipping the kustomize render checks: kubectl is not installed (they run `kubectl kustomize deploy/overlays/…`).',
  );
}

describeWithKubectl.each(['dev', 'production'])(
  'kubectl kustomize deploy/overlays/%s',
  (overlay) => {
    let objects: Json[];
    const named = (kind: string, name: string) =>
      objects.find((object) => object.kind === kind && object.metadata.name === name);

    beforeAll(() => {
      const rendered = spawnSync(
        'kubectl',
        ['kustomize', join(root, 'deploy', 'overlays', overlay)],
        {
          encoding: 'utf8',
        },
      );
      expect(rendered.stderr).toBe('');
      objects = parseAllDocuments(rendered.stdout).map((document) => document.toJS() as Json);
    });

    it('renders an API and a worker Deployment, a Service and a migration Job for every service', () => {
      for (const service of SERVICES) {
        for (const role of ['api', 'worker']) {
          const deployment = named('Deployment', `${service.name}-${role}`);
          expect(deployment).toBeDefined();
          const pod = deployment!.spec.template.spec;
          const [container] = pod.containers;
          expect(container.image.split(':')[0]).toBe(composeImage);
          expect(container.args).toEqual([service.name]);
          expect(container.env).toContainEqual({ name: 'ROLE', value: role });
          expect(container.ports).toEqual([{ name: 'http', containerPort: service.port }]);
          expect(container.startupProbe.httpGet.path).toBe('/health/live');
          expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
          expect(container.livenessProbe.httpGet.path).toBe('/health/live');
          expect(container.resources.requests).toBeDefined();
          expect(container.resources.limits.memory).toBeDefined();
          expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
          expect(container.securityContext).toEqual({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          });
          expect(container.envFrom).toEqual(
            expect.arrayContaining([
              { configMapRef: { name: 'hirestream-platform' } },
              { secretRef: { name: 'hirestream-auth' } },
              { secretRef: { name: `${service.name}-secrets` } },
            ]),
          );
          expect(named('PodDisruptionBudget', `${service.name}-${role}`)).toBeDefined();
          expect(named('NetworkPolicy', `${service.name}-${role}`)).toBeDefined();
        }
        expect(named('Service', service.name)!.spec.ports[0].port).toBe(service.port);
        expect(
          named('HorizontalPodAutoscaler', `${service.name}-api`)!.spec.scaleTargetRef.name,
        ).toBe(`${service.name}-api`);
        expect(named('ConfigMap', `${service.name}-config`)!.data.PORT).toBe(String(service.port));
        const job = named('Job', `${service.name}-migrate`);
        expect(job!.spec.template.spec.containers[0].args).toEqual(['migrate', service.name]);
      }
    });

    it('sets AUTH_MODE, the one variable without a default, and nothing secret', () => {
      const platform = named('ConfigMap', 'hirestream-platform');
      expect(['development', 'jwks']).toContain(platform!.data.AUTH_MODE);
      expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
      if (overlay === 'production') {
        expect(platform!.data).toMatchObject({
          NODE_ENV: 'production',
          AUTH_MODE: 'jwks',
          KAFKA_SSL: 'true',
        });
      }
    });
  },
);

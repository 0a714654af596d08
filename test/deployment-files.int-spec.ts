import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { AUDIT_ANCHORS_TOPIC, hirestreamEventCatalog } from '@hirestream/contracts';
import { TYPESCRIPT_NODE_ARGS } from '../tools/typescript-runtime';
import { SERVICES } from '../tools/services';
import { composeSchemaProblems, kubernetesSchemaProblems } from './support/manifest-schemas';

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

  it("validates against the Compose specification's JSON schema", () => {
    expect(composeSchemaProblems(compose)).toEqual([]);
  });

  it('would name a misspelt key and a condition compose does not know', () => {
    const broken = structuredClone(compose);
    broken.services['candidates-api'].helthcheck = broken.services['candidates-api'].healthcheck;
    broken.services['candidates-worker'].depends_on.eventstore.condition = 'service_ready';
    const problems = composeSchemaProblems(broken).map((problem) => problem.path);
    expect(problems).toContain('/services/candidates-api');
    expect(problems).toContain('/services/candidates-worker/depends_on/eventstore/condition');
  });

  it('gives the audit migration, API and worker one data folder, so one development key signs', () => {
    const containers = ['migrate-audit', 'audit-api', 'audit-worker'].map((name) => services[name]);
    const folders = containers.map((container) => container.environment.AUDIT_DATA_DIR);
    expect(new Set(folders).size).toBe(1);
    for (const container of containers) {
      expect(container.volumes).toContain(`audit-data:${folders[0]}`);
    }
    expect(compose.volumes).toHaveProperty('audit-data');
  });

  it('gives every service container one personal-data key-encryption key file, in one shared volume', () => {
    const containers = Object.entries(services).filter(
      ([, container]) => container.environment?.DATABASE_URL !== undefined,
    );
    expect(containers.length).toBeGreaterThanOrEqual(3 * 7);
    const files = new Set(
      containers.map(([, container]) => container.environment.PERSONAL_DATA_KEK_FILE),
    );
    expect([...files]).toEqual(['/var/lib/hirestream/personal-data/key-encryption-key']);
    for (const [, container] of containers) {
      expect(container.volumes).toContain('personal-data-key:/var/lib/hirestream/personal-data');
    }
    expect(compose.volumes).toHaveProperty('personal-data-key');
  });

  it('sends the notifications to the SMTP catcher, whose mailbox page is published', () => {
    expect(services['notifications-worker'].environment).toMatchObject({
      SMTP_HOST: 'smtp',
      SMTP_PORT: '2525',
    });
    expect(services.smtp.command).toEqual(expect.arrayContaining(['--smtp-host', '0.0.0.0']));
    expect(services.smtp.ports).toEqual(['2525:2525', '3091:3091']);
  });

  it('creates the topic of every service that publishes, and the anchors’ (one partition), and no other, before the workers start', () => {
    const created = String(services['kafka-topics'].command);
    const publishing = SERVICES.filter(
      (service) => hirestreamEventCatalog.typesOwnedBy(service.name).length > 0,
    );
    expect(created.match(/--topic \S+ --partitions \d+/g)).toEqual([
      ...publishing.map((service) => `--topic hirestream.${service.name}.events --partitions 3`),
      `--topic ${AUDIT_ANCHORS_TOPIC} --partitions 1`,
    ]);
    for (const service of SERVICES) {
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

    it('validates against the Kubernetes v1.33 OpenAPI schemas, with no field they do not define', () => {
      expect(kubernetesSchemaProblems(objects)).toEqual([]);
    });

    it("gives the audit service's pods the signing key file production requires, from its Secret", () => {
      const keyFile = named('ConfigMap', 'audit-config')!.data.AUDIT_SIGNING_KEY_FILE as string;
      expect(keyFile).toMatch(/^\//);
      for (const pod of [
        named('Deployment', 'audit-api')!.spec.template.spec,
        named('Deployment', 'audit-worker')!.spec.template.spec,
        named('Job', 'audit-migrate')!.spec.template.spec,
      ]) {
        const mount = (pod.containers[0].volumeMounts as Json[]).find((candidate) =>
          keyFile.startsWith(`${candidate.mountPath}/`),
        );
        expect(mount).toMatchObject({ readOnly: true });
        expect((pod.volumes as Json[]).find((volume) => volume.name === mount!.name)).toMatchObject(
          { secret: { secretName: 'audit-signing-key' } },
        );
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

describe('the Kubernetes schema check', () => {
  const deployment = (): Json => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'example' },
    spec: {
      selector: { matchLabels: { app: 'example' } },
      template: {
        metadata: { labels: { app: 'example' } },
        spec: {
          containers: [{ name: 'example', image: 'example:1', ports: [{ containerPort: 80 }] }],
        },
      },
    },
  });

  it('passes a well-formed object', () => {
    expect(kubernetesSchemaProblems([deployment()])).toEqual([]);
  });

  it('names a misspelt field, a wrong type and a missing required field', () => {
    const misspelt = deployment();
    misspelt.spec.template.spec.containers[0].readinesProbe = { httpGet: { path: '/', port: 80 } };
    const wrongType = deployment();
    wrongType.spec.template.spec.containers[0].ports[0].containerPort = '80';
    const missing = deployment();
    delete missing.spec.selector;
    expect(
      kubernetesSchemaProblems([misspelt])
        .map((problem) => problem.message)
        .join(),
    ).toMatch(/readinesProbe/);
    expect(
      kubernetesSchemaProblems([wrongType])
        .map((problem) => problem.message)
        .join(),
    ).toMatch(/containerPort must be integer/);
    expect(
      kubernetesSchemaProblems([missing])
        .map((problem) => problem.message)
        .join(),
    ).toMatch(/selector/);
  });
});

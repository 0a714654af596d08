import { FakeDependency, useTestService } from './test-service.module';

describe('docs, metrics, health and correlated logs', () => {
  const context = useTestService();

  it('serves the OpenAPI document listing the routes, with bearer auth on all but the public ones', async () => {
    const response = await context.service.request('/docs-json');
    expect(response.status).toBe(200);
    type Operation = {
      security?: unknown[];
      responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
    };
    const document = response.json() as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/candidates',
        '/candidates/{id}',
        '/candidates/{id}/stage',
        '/health/ready',
      ]),
    );
    expect(document.paths['/candidates']).toHaveProperty('post');
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(document.paths['/candidates'].post.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health/ready'].get.security).toBeUndefined();
    expect(document.paths['/candidates'].post.responses['409'].content).toEqual({
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    });
    expect(document.components.schemas.Problem).toMatchObject({ type: 'object' });
    expect((await context.service.request('/docs')).status).toBe(200);
  });

  it('exposes default metrics and the request duration histogram by route template', async () => {
    await context.service.request('/candidates/c-1', { token: context.recruiterToken });
    await context.service.request('/candidates/c-2', { token: context.recruiterToken });
    const response = await context.service.request('/metrics');
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(response.text).toContain('process_cpu_user_seconds_total');
    expect(response.text).toMatch(
      /http_request_duration_seconds_count\{service="test-service",method="GET",route="\/candidates\/:id",status_code="200"\} 2/,
    );
  });

  it('reports readiness per check: 200 when all pass, 503 naming the failing one', async () => {
    const ready = await context.service.request('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'up',
      checks: [{ name: 'fake-store', status: 'up' }],
    });

    context.service.app.get(FakeDependency).healthy = false;
    try {
      const notReady = await context.service.request('/health/ready');
      expect(notReady.status).toBe(503);
      expect(notReady.json()).toMatchObject({
        status: 'down',
        checks: [{ name: 'fake-store', status: 'down', error: 'connection refused' }],
      });
      expect((await context.service.request('/health/live')).status).toBe(200);
    } finally {
      context.service.app.get(FakeDependency).healthy = true;
    }
  });

  it('echoes a given correlation id and puts it on every log line of the request', async () => {
    const response = await context.service.request('/candidates', {
      token: context.recruiterToken,
      headers: { 'x-correlation-id': 'corr-42' },
      body: { name: 'Ada', contact: { email: 'ada@example.org' } },
    });
    expect(response.headers.get('x-correlation-id')).toBe('corr-42');
    expect(response.json().correlationId).toBe('corr-42');
    const lines = context.service.logs.lines.filter((line) => line.correlationId === 'corr-42');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        service: 'test-service',
        context: 'TestCandidatesController',
        msg: 'registering Ada',
      }),
      expect.objectContaining({
        level: 'info',
        context: 'http',
        msg: 'request completed',
        method: 'POST',
        url: '/candidates',
        status: 201,
      }),
    ]);
    expect(typeof lines[1]?.ms).toBe('number');
    expect(Date.parse(String(lines[0]?.time))).not.toBeNaN();
  });

  it('makes up a correlation id when none (or a bad one) is given', async () => {
    const none = await context.service.request('/health/live');
    expect(none.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    for (const bad of ['a b', 'x'.repeat(200)]) {
      const response = await context.service.request('/health/live', {
        headers: { 'x-correlation-id': bad },
      });
      expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('logs probes and scrapes only at debug level', async () => {
    await context.service.request('/health/ready', { headers: { 'x-correlation-id': 'probe-1' } });
    await context.service.request('/metrics', { headers: { 'x-correlation-id': 'probe-1' } });
    expect(context.service.logs.lines.filter((line) => line.correlationId === 'probe-1')).toEqual(
      [],
    );
  });
});

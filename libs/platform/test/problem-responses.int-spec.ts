import { useTestService } from './test-service.module';

describe('problem responses', () => {
  const context = useTestService();

  it('names every failing field, nested ones dotted and unknown ones included', async () => {
    const response = await context.service.request('/candidates', {
      token: context.recruiterToken,
      body: { name: 'A', contact: { email: 'nope', fax: '1' }, age: 3 },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const problem = response.json();
    expect(problem).toMatchObject({
      type: 'urn:hirestream:problem:validation-failed',
      title: 'Invalid request',
      status: 400,
      instance: '/candidates',
    });
    expect(problem.detail).toContain('contact.email');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', rule: 'minLength' }),
        expect.objectContaining({ field: 'contact.email', rule: 'format' }),
        expect.objectContaining({ field: 'contact.fax', rule: 'unknownField' }),
        expect.objectContaining({ field: 'age', rule: 'unknownField' }),
      ]),
    );
    expect(problem.errors).toHaveLength(4);
    for (const error of problem.errors ?? []) expect(typeof error.message).toBe('string');
  });

  it('reports a missing nested object by its name', async () => {
    const response = await context.service.request('/candidates', {
      token: context.recruiterToken,
      body: { name: 'Ada' },
    });
    expect(response.status).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'contact' })]);
  });

  it('transforms and validates query parameters', async () => {
    const ok = await context.service.request('/candidates?limit=5', {
      token: context.recruiterToken,
    });
    expect(ok.json()).toEqual({ limit: 5 });
    const bad = await context.service.request('/candidates?limit=500', {
      token: context.recruiterToken,
    });
    expect(bad.status).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ field: 'limit', rule: 'maximum' }),
    ]);
  });

  it('answers an array where an object belongs, and the reverse, with 400', async () => {
    for (const body of [
      [{ name: 'Ada' }],
      { name: 'Ada', contact: [[]] },
      { name: ['Ada'], contact: {} },
    ]) {
      const response = await context.service.request('/candidates', {
        token: context.recruiterToken,
        body,
      });
      expect(response.status).toBe(400);
      expect(response.json().errors?.[0]).toMatchObject({ rule: 'type' });
    }
  });

  it('refuses a body nested deeper than any request needs, before anything walks it', async () => {
    const deep = `${'{"x":'.repeat(5_000)}{}${'}'.repeat(5_000)}`;
    const response = await context.service.request('/candidates', {
      token: context.recruiterToken,
      body: `{"name":"Ada","contact":{"email":"ada@example.org"},"extra":${deep}}`,
    });
    expect(response.status).toBe(400);
    expect(response.json().detail).toContain('nests deeper than 32 levels');
  });

  it('answers a body larger than the service accepts with a 413 problem', async () => {
    const response = await context.service.request('/candidates', {
      token: context.recruiterToken,
      body: { name: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers a malformed JSON body with 400', async () => {
    const response = await context.service.request('/candidates', {
      token: context.recruiterToken,
      body: '{"name": "Ada",',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
    });
  });

  it('answers an unknown route with 404', async () => {
    const response = await context.service.request('/nowhere?x=1');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      title: 'Not Found',
      status: 404,
      instance: '/nowhere',
    });
  });

  it('maps a domain error class (and its subclasses) to its status', async () => {
    const response = await context.service.request('/candidates/c-1/stage', {
      token: context.recruiterToken,
      body: {},
    });
    expect(response.status).toBe(409);
    expect(response.json()).toMatchObject({
      type: 'urn:hirestream:problem:command-rejected',
      title: 'Command rejected',
      status: 409,
      detail: 'screening must pass before interviews',
    });
  });

  it('answers an unexpected error with 500, logs its stack and leaks nothing', async () => {
    const response = await context.service.request('/candidates/c-1/crash', {
      token: context.recruiterToken,
      headers: { 'x-correlation-id': 'crash-1' },
    });
    expect(response.status).toBe(500);
    expect(response.text).not.toContain('hunter2');
    expect(response.text).not.toContain('at ');
    expect(response.json()).toMatchObject({
      title: 'Internal Server Error',
      status: 500,
      correlationId: 'crash-1',
    });
    const logged = context.service.logs.lines.find(
      (line) => line.level === 'error' && line.correlationId === 'crash-1',
    );
    expect(logged).toMatchObject({ msg: 'database password is hunter2', service: 'test-service' });
    expect(JSON.stringify(logged)).toContain('crash');
  });
});

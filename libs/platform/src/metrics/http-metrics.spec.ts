import { Histogram, Registry } from 'prom-client';
import { HttpMetrics } from './http-metrics';

function registryLabelled(): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'svc' });
  return registry;
}

/** Requests as (method, route, status, seconds), on bucket bounds, between them and past the last. */
const REQUESTS: ReadonlyArray<[string, string, number, number]> = [
  ['GET', '/candidates/:id', 200, 0.0004],
  ['GET', '/candidates/:id', 200, 0.001],
  ['GET', '/candidates/:id', 200, 0.003],
  ['POST', '/candidates', 201, 0.02],
  ['GET', '/candidates/:id', 404, 7.5],
  ['GET', 'unmatched', 404, 0.25],
  ['GET', '/candidates/:id', 200, 1.2],
];

describe('HttpMetrics', () => {
  it('exposes what prom-client exposes for a histogram with the same buckets and observations', async () => {
    const ours = registryLabelled();
    const theirs = registryLabelled();
    const metrics = new HttpMetrics(ours);
    const histogram = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [theirs],
    });
    for (const [method, route, status, seconds] of REQUESTS) {
      metrics.observe(method, route, status, seconds);
      histogram.observe({ method, route, status_code: String(status) }, seconds);
    }

    expect(await ours.metrics()).toBe(await theirs.metrics());
    // prom-client's samples also carry `exemplar: null`, exemplars being off.
    const withoutExemplars = (metrics: unknown): unknown =>
      JSON.parse(
        JSON.stringify(metrics, (key, value: unknown) => (key === 'exemplar' ? undefined : value)),
      );
    expect(await ours.getMetricsAsJSON()).toEqual(
      withoutExemplars(await theirs.getMetricsAsJSON()),
    );
    ours.resetMetrics();
    theirs.resetMetrics();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});

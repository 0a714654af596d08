import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

type HttpLabel = 'method' | 'route' | 'status_code';

/**
 * The service's Prometheus registry, with default process metrics and the
 * request duration histogram. Other libraries inject prom-client's `Registry`
 * and register their own metrics on it.
 */
export function createMetricsRegistry(serviceName: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export class HttpMetrics {
  private readonly duration: Histogram<HttpLabel>;
  /** Label children resolved once per (method, route, status) instead of hashing labels per request. */
  private readonly children = new Map<string, Histogram.Internal<HttpLabel>>();

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let child = this.children.get(key);
    if (child === undefined) {
      child = this.duration.labels(method, route, String(status));
      this.children.set(key, child);
    }
    child.observe(seconds);
  }
}

import { collectDefaultMetrics, type Metric, Registry } from 'prom-client';

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

const NAME = 'http_request_duration_seconds';
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** One (method, route, status) series: requests per bucket (the last one past every bound), sum, count. */
interface DurationSeries {
  readonly labels: Readonly<Record<HttpLabel, string>>;
  readonly perBucket: number[];
  sum: number;
  count: number;
}

type Labels = Readonly<Record<string, string | number>>;

/** A sample as prom-client's registry formats it: `sharedLabels` (the series') follow `labels`. */
interface Sample {
  readonly metricName: string;
  readonly labels: Labels;
  readonly sharedLabels?: Labels;
  readonly value: number;
}

interface MetricSamples {
  readonly name: string;
  readonly help: string;
  readonly type: string;
  readonly aggregator: string;
  readonly values: readonly Sample[];
}

/**
 * `http_request_duration_seconds`, exposed exactly as prom-client's histogram
 * would be. Counted here because prom-client's `observe` validates and hashes
 * the labels and looks buckets up by number keys on every request (about a
 * microsecond); this finds a series once per (method, route, status).
 */
export class HttpMetrics {
  readonly name = NAME;
  readonly help = 'HTTP request duration by method, route template and status code';
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, DurationSeries>();

  constructor(registry: Registry) {
    // The registry reads any metric through get() and reset(); its types only name prom-client's classes.
    registry.registerMetric(this as unknown as Metric);
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let series = this.series.get(key);
    if (series === undefined) {
      series = {
        labels: { method, route, status_code: String(status) },
        perBucket: new Array<number>(BUCKETS.length + 1).fill(0),
        sum: 0,
        count: 0,
      };
      this.series.set(key, series);
    }
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) bucket += 1;
    series.perBucket[bucket] += 1;
    series.sum += seconds;
    series.count += 1;
  }

  /** What the registry writes to `/metrics`. */
  getForPromString(): MetricSamples {
    const values: Sample[] = [];
    for (const { labels, perBucket, sum, count } of this.series.values()) {
      let cumulative = 0;
      BUCKETS.forEach((bound, index) => {
        cumulative += perBucket[index];
        values.push({
          metricName: `${NAME}_bucket`,
          labels: { le: bound },
          sharedLabels: labels,
          value: cumulative,
        });
      });
      values.push(
        {
          metricName: `${NAME}_bucket`,
          labels: { le: '+Inf' },
          sharedLabels: labels,
          value: count,
        },
        { metricName: `${NAME}_sum`, labels: {}, sharedLabels: labels, value: sum },
        { metricName: `${NAME}_count`, labels: {}, sharedLabels: labels, value: count },
      );
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values,
    };
  }

  /** What the registry gives as JSON: the series' labels among each sample's own. */
  get(): MetricSamples {
    const metric = this.getForPromString();
    return {
      ...metric,
      values: metric.values.map(({ labels, sharedLabels, ...sample }) => ({
        ...sample,
        labels: { ...labels, ...sharedLabels },
      })),
    };
  }

  reset(): void {
    this.series.clear();
  }
}

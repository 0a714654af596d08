import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';

/** What a projection shows of itself to the metrics. */
export type TrackedProjection = Readonly<{ name: string; isCaughtUp: boolean; lagSeconds: number }>;

/** Lag and state of every projection of the service, for `/metrics`. */
@Injectable()
export class ProjectionMetrics {
  private readonly hosts = new Set<TrackedProjection>();

  constructor(registry: Registry) {
    const hosts = this.hosts;
    new Gauge({
      name: 'hirestream_projection_lag_seconds',
      help: 'Age of the newest event a projection applied, while it is behind (0 once caught up)',
      labelNames: ['projection'],
      registers: [registry],
      collect() {
        for (const host of hosts) this.set({ projection: host.name }, host.lagSeconds);
      },
    });
    new Gauge({
      name: 'hirestream_projection_caught_up',
      help: 'Whether a projection serves reads: 1 once it caught up, 0 while it is being built',
      labelNames: ['projection'],
      registers: [registry],
      collect() {
        for (const host of hosts) this.set({ projection: host.name }, host.isCaughtUp ? 1 : 0);
      },
    });
  }

  track(host: TrackedProjection): void {
    this.hosts.add(host);
  }
}

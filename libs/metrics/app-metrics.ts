import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the idempotency layer did with a request that carried an Idempotency-Key. */
export type IdempotencyOutcome = 'new' | 'replayed' | 'in_use' | 'applied';

/** A figure read at scrape time (lag of the projections, pool usage). */
export type Collector = () => Promise<void> | void;

/**
 * The Prometheus metrics of one process, in a registry of its own (never prom-client's global
 * one: tests run several apps in one process). Counters are counted where things happen;
 * figures that live in the database are read by collectors when /metrics is scraped.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly collectors: Collector[] = [];

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of answered HTTP requests by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly appends = new Counter({
    name: 'event_store_appends_total',
    help: 'Appends to the event store by this process (one per stream write)',
    registers: [this.registry],
  });

  readonly appendedEvents = new Counter({
    name: 'event_store_appended_events_total',
    help: 'Events appended to the event store by this process',
    registers: [this.registry],
  });

  readonly idempotency = new Counter({
    name: 'idempotency_requests_total',
    help: 'Writes with an Idempotency-Key by outcome: new, replayed (stored answer), in_use (409), applied (written before, answer lost)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly refusals = new Counter({
    name: 'api_refusals_total',
    help: 'Requests answered with a problem (RFC 9457) by problem type and status',
    labelNames: ['type', 'status'] as const,
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Registers a figure read when /metrics is scraped. */
  collect(collector: Collector): void {
    this.collectors.push(collector);
  }

  /** The exposition text (Prometheus text format 0.0.4), after every collector has run. */
  async render(): Promise<{ contentType: string; body: string }> {
    await Promise.all(this.collectors.map(async (collector) => collector()));
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

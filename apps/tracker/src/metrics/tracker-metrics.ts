import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'
import type { SenderMetrics } from '../spool/sender.ts'
import { RequestMetrics } from './request-metrics.ts'

export type Route =
  | 'redirect'
  | 'pixel'
  | 'postback'
  | 'api_conversions'
  | 'api_refunds'
  | 'snippet'
  | 'healthz'
  | 'metrics'
  | 'other'

/**
 * Prometheus metrics of one tracker (a registry of its own, so several trackers in one process,
 * as in tests, do not collide). Label children are bound once: the hot path pays a Map lookup.
 */
export class TrackerMetrics implements SenderMetrics {
  readonly registry = new Registry()
  private readonly requests = new RequestMetrics()
  private readonly sentRows: Counter<'table'>
  private readonly retries: Counter
  private readonly corruptRecords: Counter
  private readonly quarantinedSegments: Counter
  readonly conversions: Counter<'source' | 'result'>
  /** Hot-path counts as plain numbers, copied into their counters when Prometheus scrapes. */
  private spooledClicks = 0
  private spooledEvents = 0
  private hits = 0
  private misses = 0

  constructor(probes: { spoolBytes(): number; spoolSegments(): number; cacheSize(): number }) {
    const registers = [this.registry]
    this.requests.register(this.registry, {
      requests: 'tracker_http_requests_total',
      duration: 'tracker_http_request_duration_seconds',
    })
    const counts = () => ({
      clicks: this.spooledClicks,
      events: this.spooledEvents,
      hits: this.hits,
      misses: this.misses,
    })
    new Counter({
      name: 'tracker_events_spooled_total',
      help: 'Events appended to the local spool, by ClickHouse table',
      labelNames: ['table'],
      registers,
      collect() {
        this.reset()
        this.inc({ table: 'clicks' }, counts().clicks)
        this.inc({ table: 'events' }, counts().events)
      },
    })
    this.sentRows = new Counter({
      name: 'tracker_events_sent_total',
      help: 'Events acknowledged by ClickHouse, by table',
      labelNames: ['table'],
      registers,
    })
    this.retries = new Counter({
      name: 'tracker_send_retries_total',
      help: 'Failed ClickHouse inserts that will be retried',
      registers,
    })
    this.corruptRecords = new Counter({
      name: 'tracker_spool_corrupt_records_total',
      help: 'Spool records skipped because their checksum failed (torn writes after a power loss)',
      registers,
    })
    this.quarantinedSegments = new Counter({
      name: 'tracker_spool_quarantined_segments_total',
      help: 'Spool segments ClickHouse refused as data, moved to the dead/ folder',
      registers,
    })
    new Counter({
      name: 'tracker_link_cache_hits_total',
      help: 'Link cache hits',
      registers,
      collect() {
        this.reset()
        this.inc(counts().hits)
      },
    })
    new Counter({
      name: 'tracker_link_cache_misses_total',
      help: 'Link cache misses (a Postgres lookup, shared by concurrent requests)',
      registers,
      collect() {
        this.reset()
        this.inc(counts().misses)
      },
    })
    this.conversions = new Counter({
      name: 'tracker_conversions_total',
      help: 'Conversion requests by source and result (created, duplicate, rejected, updated, unchanged)',
      labelNames: ['source', 'result'],
      registers,
    })
    new Gauge({
      name: 'tracker_link_cache_hit_ratio',
      help: 'Link cache hits / lookups since start',
      registers,
      collect() {
        const { hits, misses } = counts()
        this.set(hits + misses === 0 ? 0 : hits / (hits + misses))
      },
    })
    new Gauge({
      name: 'tracker_link_cache_entries',
      help: 'Links (and cached misses) held in memory',
      registers,
      collect() {
        this.set(probes.cacheSize())
      },
    })
    new Gauge({
      name: 'tracker_spool_bytes',
      help: 'Bytes in the spool not yet acknowledged by ClickHouse',
      registers,
      collect() {
        this.set(probes.spoolBytes())
      },
    })
    new Gauge({
      name: 'tracker_spool_segments',
      help: 'Sealed spool segments waiting to be sent',
      registers,
      collect() {
        this.set(probes.spoolSegments())
      },
    })
    collectDefaultMetrics({ register: this.registry, prefix: 'tracker_' })
  }

  request(route: Route, status: number, seconds: number): void {
    this.requests.record(route, status, seconds)
  }

  spooledEvent(table: 'clicks' | 'events'): void {
    if (table === 'clicks') this.spooledClicks++
    else this.spooledEvents++
  }

  cacheHit(): void {
    this.hits++
  }

  cacheMiss(): void {
    this.misses++
  }

  sent(table: string, rows: number): void {
    this.sentRows.labels(table).inc(rows)
  }

  retried(): void {
    this.retries.inc()
  }

  corrupt(records: number): void {
    this.corruptRecords.inc(records)
  }

  quarantined(): void {
    this.quarantinedSegments.inc()
  }
}

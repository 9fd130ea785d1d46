import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { SenderMetrics } from './spool/sender.ts'

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
  private readonly requests: Counter<'route' | 'status'>
  private readonly duration: Histogram<'route'>
  private readonly spooled: Counter<'table'>
  private readonly sentRows: Counter<'table'>
  private readonly retries: Counter
  private readonly corruptRecords: Counter
  private readonly quarantinedSegments: Counter
  private readonly cacheHits: Counter
  private readonly cacheMisses: Counter
  readonly conversions: Counter<'source' | 'result'>
  private readonly requestChildren = new Map<string, { inc(): void }>()
  private readonly durationChildren = new Map<string, { observe(v: number): void }>()
  private readonly spooledClicks: { inc(): void }
  private readonly spooledEvents: { inc(): void }
  private hits = 0
  private misses = 0

  constructor(probes: { spoolBytes(): number; spoolSegments(): number; cacheSize(): number }) {
    const registers = [this.registry]
    this.requests = new Counter({
      name: 'tracker_http_requests_total',
      help: 'HTTP requests by route and status code',
      labelNames: ['route', 'status'],
      registers,
    })
    this.duration = new Histogram({
      name: 'tracker_http_request_duration_seconds',
      help: 'Time from request to response, by route',
      labelNames: ['route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    })
    this.spooled = new Counter({
      name: 'tracker_events_spooled_total',
      help: 'Events appended to the local spool, by ClickHouse table',
      labelNames: ['table'],
      registers,
    })
    this.spooledClicks = this.spooled.labels('clicks')
    this.spooledEvents = this.spooled.labels('events')
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
    this.cacheHits = new Counter({
      name: 'tracker_link_cache_hits_total',
      help: 'Link cache hits',
      registers,
    })
    this.cacheMisses = new Counter({
      name: 'tracker_link_cache_misses_total',
      help: 'Link cache misses (a Postgres lookup, shared by concurrent requests)',
      registers,
    })
    this.conversions = new Counter({
      name: 'tracker_conversions_total',
      help: 'Conversion requests by source and result (created, duplicate, rejected, updated, unchanged)',
      labelNames: ['source', 'result'],
      registers,
    })
    const hitsRef = () => ({ hits: this.hits, misses: this.misses })
    new Gauge({
      name: 'tracker_link_cache_hit_ratio',
      help: 'Link cache hits / lookups since start',
      registers,
      collect() {
        const { hits, misses } = hitsRef()
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
    const key = `${route} ${status}`
    let counter = this.requestChildren.get(key)
    if (!counter) {
      counter = this.requests.labels(route, String(status))
      this.requestChildren.set(key, counter)
    }
    counter.inc()
    let histogram = this.durationChildren.get(route)
    if (!histogram) {
      histogram = this.duration.labels(route)
      this.durationChildren.set(route, histogram)
    }
    histogram.observe(seconds)
  }

  spooledEvent(table: 'clicks' | 'events'): void {
    ;(table === 'clicks' ? this.spooledClicks : this.spooledEvents).inc()
  }

  cacheHit(): void {
    this.hits++
    this.cacheHits.inc()
  }

  cacheMiss(): void {
    this.misses++
    this.cacheMisses.inc()
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

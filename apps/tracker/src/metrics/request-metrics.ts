import type { Metric, Registry } from 'prom-client'

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

interface RouteLatency {
  buckets: number[]
  sum: number
  count: number
}

type Sample = { labels: Record<string, string | number>; value: number; metricName?: string }

/**
 * The per-request metrics (count by route and status, latency histogram by route), kept in plain
 * numbers so the hot path pays a map lookup and two increments, not prom-client's label hashing
 * and validation on every observe. Exposed through prom-client's registry as an ordinary counter
 * and histogram, read at scrape time.
 */
export class RequestMetrics {
  private readonly counts = new Map<string, Map<number, number>>()
  private readonly latency = new Map<string, RouteLatency>()

  record(route: string, status: number, seconds: number): void {
    let byStatus = this.counts.get(route)
    if (!byStatus) {
      byStatus = new Map()
      this.counts.set(route, byStatus)
    }
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1)
    let l = this.latency.get(route)
    if (!l) {
      l = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }
      this.latency.set(route, l)
    }
    let i = 0
    while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++
    if (i < BUCKETS.length) l.buckets[i]!++
    l.sum += seconds
    l.count++
  }

  register(registry: Registry, names: { requests: string; duration: string }): void {
    const counter = {
      name: names.requests,
      help: 'HTTP requests by route and status code',
      type: 'counter',
      aggregator: 'sum',
      get: async () => {
        const values: Sample[] = []
        for (const [route, byStatus] of this.counts) {
          for (const [status, value] of byStatus) values.push({ labels: { route, status }, value })
        }
        return { name: names.requests, help: counter.help, type: 'counter', aggregator: 'sum', values }
      },
      reset: () => this.counts.clear(),
    }
    const histogram = {
      name: names.duration,
      help: 'Time from request to response, by route (seconds)',
      type: 'histogram',
      aggregator: 'sum',
      get: async () => {
        const values: Sample[] = []
        for (const [route, l] of this.latency) {
          let cumulative = 0
          BUCKETS.forEach((le, i) => {
            cumulative += l.buckets[i]!
            values.push({ labels: { le, route }, value: cumulative, metricName: `${names.duration}_bucket` })
          })
          values.push({
            labels: { le: '+Inf', route },
            value: l.count,
            metricName: `${names.duration}_bucket`,
          })
          values.push({ labels: { route }, value: l.sum, metricName: `${names.duration}_sum` })
          values.push({ labels: { route }, value: l.count, metricName: `${names.duration}_count` })
        }
        return { name: names.duration, help: histogram.help, type: 'histogram', aggregator: 'sum', values }
      },
      reset: () => this.latency.clear(),
    }
    registry.registerMetric(counter as unknown as Metric)
    registry.registerMetric(histogram as unknown as Metric)
  }
}

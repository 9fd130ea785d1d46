import type { ClickRow, EventRow, Stores } from '@tandem/db'
import type { ClickIdSigner } from './click-id.ts'
import type { ConversionGateway } from './conversions/gateway.ts'
import type { RecentClicks } from './events/recent-clicks.ts'
import type { ClientIdentity } from './http/client-info.ts'
import type { LookupCache } from './links/lookup-cache.ts'
import type { TrackedLink } from './links/tracked-link.ts'
import type { TrackerMetrics } from './metrics/tracker-metrics.ts'
import type { SnippetProgram } from './routes/snippet.ts'
import type { Spool } from './spool/spool.ts'

/** Everything a route needs, built once by startTracker (no module-level state anywhere). */
export interface TrackerContext {
  stores: Stores
  signer: ClickIdSigner
  identity: ClientIdentity
  spool: Spool
  linksByCode: LookupCache<TrackedLink>
  linksById: LookupCache<TrackedLink>
  snippetPrograms: LookupCache<SnippetProgram>
  /** First click of a visitor on a link within an hour (unique clicks). */
  visitors: RecentClicks
  /** Clicks of one IP on one link in the flood window (core scores the count). */
  ipClicks: RecentClicks
  metrics: TrackerMetrics
  conversions: ConversionGateway
  /** Base URL the snippet posts back to (the tracker's public address). */
  publicUrl: string | null
  /** Bearer token for /metrics on the public port; null: not served there. */
  metricsToken: string | null
  log: (line: string) => void
  /** The sender's last ClickHouse insert failed and it is backing off. */
  senderFailing(): boolean
  /** Appends to the spool; in 'fsync' durability the promise resolves once the record is on disk. */
  emit(table: 'clicks', row: ClickRow): undefined | Promise<void>
  emit(table: 'events', row: EventRow): undefined | Promise<void>
}

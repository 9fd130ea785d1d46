import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import type { Stores } from '@tandem/db'
import { ClickHouseEventRelay } from '@tandem/services'
import { createClickIdSigner } from './click-id.ts'
import { TrackerConfigError } from './config.ts'
import type { TrackerContext } from './context.ts'
import { ConversionGateway } from './conversions/gateway.ts'
import { RecentClicks } from './events/recent-clicks.ts'
import { ClientIdentity, type IpMode } from './http/client-info.ts'
import { subscribeToChanges, type TrackerChange } from './links/change-feed.ts'
import { LookupCache } from './links/lookup-cache.ts'
import { loadLinkByCode, loadLinkById, type TrackedLink } from './links/tracked-link.ts'
import { TrackerMetrics } from './metrics/tracker-metrics.ts'
import { createRequestHandler } from './router.ts'
import { writeMetrics } from './routes/health.ts'
import { loadSnippetProgram, type SnippetProgram } from './routes/snippet.ts'
import { clickHouseInserter, type EventInserter } from './spool/inserter.ts'
import { Sender } from './spool/sender.ts'
import { Spool, SpoolInUseError } from './spool/spool.ts'

export interface StartTrackerOptions {
  stores: Stores
  port: number
  /** Default 0.0.0.0. */
  host?: string
  /** The local event spool (default in main.ts: ${TANDEM_DATA_DIR}/spool). One tracker per directory. */
  spoolDir: string
  /** Keys the click-id HMAC (and, derived from it, the IP and visitor hashes). */
  secret: string
  /** Older secrets whose click ids still verify (rotation). */
  previousSecrets?: string[]
  /** How IP addresses are stored: 'hash' (HMAC, default) or 'truncate' (/24, /48). */
  ipMode?: IpMode
  /** 'write' (default): written before the 302, fsynced in groups; 'fsync': the 302 waits for the fsync. */
  durability?: 'write' | 'fsync'
  /** In 'write' durability: how often the open segment is fsynced (ms). Default 200. */
  fsyncIntervalMs?: number
  /** How often the open spool segment is sealed and sent (ms, ≤ 1000). Default 500. */
  flushIntervalMs?: number
  /** Read the client IP from X-Forwarded-For and the country from CF-IPCountry (behind a proxy / CDN). */
  trustProxy?: boolean
  /** The tracker's public base URL, for the snippet's endpoint (default: the request's Host). */
  publicUrl?: string
  /** /metrics on the public port needs this bearer token; without one it is not served there. */
  metricsToken?: string | null
  /** A second port that serves only /metrics (no token), e.g. on 127.0.0.1 for a local scraper. */
  metricsPort?: number | null
  /** Where the metrics port listens. Default 127.0.0.1. */
  metricsHost?: string
  /** Where the sender inserts (default: ClickHouse of `stores`). Tests wrap it to inject faults. */
  inserter?: EventInserter
  /** false: keep events in the spool, send nothing (benchmarks of the click path). Default true. */
  send?: boolean
  /** How long close() keeps trying to deliver the spool to ClickHouse. Default 15 s. */
  closeTimeoutMs?: number
  log?: (line: string) => void
}

export interface RunningTracker {
  url: string
  port: number
  /** The metrics port, when one was asked for. */
  metricsPort: number | null
  /** The spool's id: part of every ClickHouse batch token, distinct per spool directory. */
  spoolId: string
  /** Stops accepting, finishes in-flight requests, flushes the spool to ClickHouse, then resolves. */
  close(): Promise<void>
  /** Cache invalidation for writers in the same process (the Postgres trigger does it too). */
  invalidateLink(code: string): void
  invalidateProgram(programId: string): void
  invalidateAll(): void
  /** Seals the open segment and waits until ClickHouse acknowledged everything; false on timeout. */
  flush(timeoutMs?: number): Promise<boolean>
  metrics: TrackerMetrics
}

/**
 * Starts the tracker on an existing pair of stores (embedded or server). No client is created at
 * import time: everything here is built per call and torn down by close().
 */
export async function startTracker(options: StartTrackerOptions): Promise<RunningTracker> {
  const { stores } = options
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const flushIntervalMs = Math.min(1000, Math.max(10, options.flushIntervalMs ?? 500))
  const durability = options.durability ?? 'write'

  let sender: Sender | null = null
  const spool = openSpool({
    dir: options.spoolDir,
    durability,
    fsyncIntervalMs: options.fsyncIntervalMs ?? 200,
    sealIntervalMs: flushIntervalMs,
    onSealed: () => sender?.notify(),
    onError: (error) => log(`tracker: spool: ${error.message}`),
  })
  const caches = createCaches(stores)
  const metrics = new TrackerMetrics({
    spoolBytes: () => spool.pendingBytes,
    spoolSegments: () => spool.sealedSegments().length,
    cacheSize: () => caches.linksByCode.size + caches.linksById.size,
  })
  caches.onHit = () => metrics.cacheHit()
  caches.onMiss = () => metrics.cacheMiss()
  sender = new Sender({
    spool,
    inserter:
      options.inserter ??
      clickHouseInserter(stores.ch, { embedded: stores.selection.clickhouse.kind === 'embedded' }),
    metrics,
    log,
  })
  const activeSender = sender
  if (options.send !== false) activeSender.start()
  // Conversion events are queued in Postgres with the conversion; this moves them to ClickHouse.
  const relay = new ClickHouseEventRelay({ db: stores.db, ch: stores.ch, log })
  if (options.send !== false) relay.start()

  const signer = createClickIdSigner(options.secret, options.previousSecrets ?? [])
  const emit = (table: 'clicks' | 'events', row: object) => {
    const pending = spool.append(table, JSON.stringify(row))
    metrics.spooledEvent(table)
    return pending
  }
  const now = Date.now()
  const ctx: TrackerContext = {
    stores,
    signer,
    identity: new ClientIdentity(options.secret, options.ipMode ?? 'hash', options.trustProxy ?? false),
    spool,
    linksByCode: caches.linksByCode,
    linksById: caches.linksById,
    snippetPrograms: caches.snippetPrograms,
    visitors: new RecentClicks(3_600_000, 1_000_000, now),
    ipClicks: new RecentClicks(3_600_000, 1_000_000, now),
    metrics,
    conversions: new ConversionGateway({
      db: stores.db,
      verifier: signer,
      count: (source, result) => metrics.conversions.labels(source, result).inc(),
    }),
    publicUrl: options.publicUrl ?? null,
    metricsToken: options.metricsToken ?? null,
    log,
    senderFailing: () => activeSender.failing,
    emit,
  }

  const unsubscribe = await subscribeToChanges(stores, caches.apply, log).catch((error: Error) => {
    log(`tracker: no change notifications (${error.message}); link changes show after the cache TTL`)
    return async () => {}
  })

  const server = createServer(
    { maxHeaderSize: 16 * 1024, requestTimeout: 30_000, headersTimeout: 10_000, keepAliveTimeout: 5_000 },
    createRequestHandler(ctx),
  )
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket))
  const metricsServer = options.metricsPort == null ? null : createMetricsServer(ctx)
  try {
    await listen(server, options.port, options.host ?? '0.0.0.0')
    if (metricsServer)
      await listen(metricsServer, options.metricsPort ?? 0, options.metricsHost ?? '127.0.0.1')
  } catch (error) {
    if (server.listening) await stopServer(server)
    await Promise.allSettled([unsubscribe(), spool.close(), activeSender.close(), relay.stop()])
    throw error
  }
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  const host = options.host && !['0.0.0.0', '::'].includes(options.host) ? options.host : '127.0.0.1'

  let closing: Promise<void> | null = null
  const metricsAddress = metricsServer?.address()
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    metricsPort: typeof metricsAddress === 'object' && metricsAddress ? metricsAddress.port : null,
    spoolId: spool.id,
    metrics,
    invalidateLink: (code) => {
      caches.linksByCode.invalidate(code)
      caches.linksById.invalidateWhere((l) => l.code === code)
    },
    invalidateProgram: (id) => caches.apply({ kind: 'program', id }),
    invalidateAll: () => caches.apply({ kind: 'all' }),
    flush: async (timeoutMs = 30_000) => {
      await spool.seal()
      await relay.drain()
      return activeSender.drain(timeoutMs)
    },
    close: () => {
      closing ??= (async () => {
        await Promise.all([stopServer(server), metricsServer ? stopServer(metricsServer) : null])
        await unsubscribe()
        await spool.close()
        await relay.stop()
        await relay
          .drain()
          .catch((error: Error) => log(`tracker: event relay: ${error.message}; sent at the next start`))
        const delivered = await activeSender.drain(options.closeTimeoutMs ?? 15_000)
        await activeSender.close()
        if (!delivered)
          log('tracker: ClickHouse did not take the whole spool before close; it is sent at the next start')
      })()
      return closing
    },
  }
}

/** The spool, with a lock conflict reported as the configuration mistake it is. */
function openSpool(options: Parameters<typeof Spool.open>[0]): Spool {
  try {
    return Spool.open(options)
  } catch (error) {
    if (error instanceof SpoolInUseError) {
      throw new TrackerConfigError(`Invalid configuration: TANDEM_SPOOL_DIR: ${error.message}`)
    }
    throw error
  }
}

function createCaches(stores: Stores) {
  const hooks = { onHit: () => {}, onMiss: () => {} }
  const common = { ttlMs: 60_000, negativeTtlMs: 10_000, maxEntries: 200_000 }
  const linksByCode = new LookupCache<TrackedLink>({
    ...common,
    load: (code) => loadLinkByCode(stores.db, code),
    onHit: () => hooks.onHit(),
    onMiss: () => hooks.onMiss(),
  })
  const linksById = new LookupCache<TrackedLink>({
    ...common,
    load: (id) => (/^\d{1,10}$/.test(id) ? loadLinkById(stores.db, Number(id)) : Promise.resolve(null)),
  })
  const snippetPrograms = new LookupCache<SnippetProgram>({
    ...common,
    load: (slug) => loadSnippetProgram(stores.db, slug),
  })
  const apply = (change: TrackerChange) => {
    if (change.kind === 'link') {
      linksByCode.invalidate(change.code)
      linksById.invalidate(String(change.id))
    } else if (change.kind === 'program') {
      linksByCode.invalidateWhere((l) => l.programId === change.id)
      linksById.invalidateWhere((l) => l.programId === change.id)
      snippetPrograms.invalidateWhere((p) => p.programId === change.id)
    } else {
      linksByCode.clear()
      linksById.clear()
      snippetPrograms.clear()
    }
  }
  return {
    linksByCode,
    linksById,
    snippetPrograms,
    apply,
    set onHit(f: () => void) {
      hooks.onHit = f
    },
    set onMiss(f: () => void) {
      hooks.onMiss = f
    },
  }
}

/** The metrics port: /metrics without a token (it listens where only the operator reaches). */
function createMetricsServer(ctx: TrackerContext): Server {
  return createServer((req, res) => {
    if ((req.url ?? '').split('?')[0] === '/metrics' && req.method === 'GET') {
      writeMetrics(ctx, res).catch(() => res.destroy())
      return
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Only /metrics here\n')
  })
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/** Stops accepting; idle keep-alive sockets close now, busy ones after their response (or 10 s). */
function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 10_000)
    server.close(() => {
      clearTimeout(force)
      resolve()
    })
    server.closeIdleConnections()
  })
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'The request headers are larger than 16 KB'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'The request took too long to arrive'],
  HPE_INVALID_METHOD: [400, 'Bad Request', 'The request method is not valid HTTP'],
  HPE_INVALID_URL: [400, 'Bad Request', 'The request target is not a valid URL'],
  HPE_INVALID_HEADER_TOKEN: [400, 'Bad Request', 'A request header has an invalid name or value'],
}

/** Malformed HTTP (the parser refused it before any handler ran): a clear answer, then close. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy()
    return
  }
  const [status, reason, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'Bad Request',
    'The request is not well-formed HTTP/1.1',
  ]
  const body = `${message}\n`
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}

import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TrackerContext } from '../context.ts'
import { sendJson, sendText } from '../http/respond.ts'

/**
 * GET /healthz — 200 while the tracker accepts traffic. A ClickHouse outage does not make it
 * unhealthy (events wait in the spool); it shows as `sender: "retrying"` and a growing spool.
 */
export function handleHealth(ctx: TrackerContext, res: ServerResponse): undefined {
  const segments = ctx.spool.sealedSegments().length
  sendJson(res, 200, {
    status: 'ok',
    spool: { pending_bytes: ctx.spool.pendingBytes, sealed_segments: segments },
    sender: ctx.senderFailing() ? 'retrying' : 'ok',
  })
  return undefined
}

/**
 * GET /metrics on the public port: Prometheus text format, only with the bearer token
 * (TRACKER_METRICS_TOKEN). Without a token it is not served here at all: TRACKER_METRICS_PORT
 * serves it on its own (by default loopback-only) port instead.
 */
export async function handleMetrics(
  ctx: TrackerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (ctx.metricsToken === null) {
    sendText(
      res,
      404,
      'Metrics are not served on this port: set TRACKER_METRICS_PORT or TRACKER_METRICS_TOKEN\n',
    )
    return
  }
  if (!bearerMatches(req.headers.authorization, ctx.metricsToken)) {
    sendText(res, 401, 'Send the metrics token as Authorization: Bearer <token>\n', {
      'www-authenticate': 'Bearer realm="metrics"',
    })
    return
  }
  await writeMetrics(ctx, res)
}

/** The metrics text itself (the metrics port serves it without a token: it is not public). */
export async function writeMetrics(ctx: Pick<TrackerContext, 'metrics'>, res: ServerResponse): Promise<void> {
  const text = await ctx.metrics.registry.metrics()
  res.writeHead(200, {
    'content-type': ctx.metrics.registry.contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  res.end(text)
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1]
  if (!given) return false
  // Compare digests: equal lengths for timingSafeEqual, no early exit on a length difference.
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(given), digest(token))
}

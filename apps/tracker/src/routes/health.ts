import type { ServerResponse } from 'node:http'
import type { TrackerContext } from '../context.ts'
import { sendJson } from '../http/respond.ts'

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

/** GET /metrics — Prometheus text format (prom-client). */
export async function handleMetrics(ctx: TrackerContext, res: ServerResponse): Promise<void> {
  const text = await ctx.metrics.registry.metrics()
  res.writeHead(200, {
    'content-type': ctx.metrics.registry.contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  })
  res.end(text)
}

import type { IncomingMessage } from 'node:http'
import type { TrackerContext } from '../context.ts'

/** The request's privacy-safe identifiers, for conversion events and fraud checks. */
export function clientContext(
  ctx: TrackerContext,
  req: IncomingMessage,
): { ipHash: string; visitorHash: string; userAgent: string; referer: string } {
  const ip = ctx.identity.ip(req)
  const userAgent = (req.headers['user-agent'] ?? '').slice(0, 512)
  return {
    ipHash: ctx.identity.ipKey(ip),
    visitorHash: ctx.identity.visitorHash(ip, userAgent),
    userAgent,
    referer: (req.headers.referer ?? '').slice(0, 1024),
  }
}

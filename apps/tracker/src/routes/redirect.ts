import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { scoreClick } from '@tandem/core'
import type { ClickRow } from '@tandem/db'
import { z } from 'zod'
import type { TrackerContext } from '../context.ts'
import { clickRowJson } from '../events/serialize.ts'
import { deviceClass } from '../http/client-info.ts'
import { badRequest, describeZodError } from '../http/http-error.ts'
import { type Params, parseParams } from '../http/query.ts'
import { escapeHtml, linkNotFoundPage, sendHtml, sendText } from '../http/respond.ts'
import { allowedDeepLink, landingUrl, type PassthroughKey } from '../links/landing.ts'
import { LINK_CODE, type TrackedLink } from '../links/tracked-link.ts'
import { clickCookieHeader } from './click-cookie.ts'

const text = (max: number) => z.string().max(max, `must be at most ${max} characters`).optional()
const clickQuery = z.object({
  sub1: text(255),
  sub2: text(255),
  sub3: text(255),
  sub4: text(255),
  sub5: text(255),
  utm_source: text(255),
  utm_medium: text(255),
  utm_campaign: text(255),
  utm_term: text(255),
  utm_content: text(255),
  url: text(2048),
})
type ClickQuery = z.infer<typeof clickQuery>
const EMPTY: ClickQuery = {}

/**
 * GET /r/:code — the hot path. On a cache hit nothing here waits on the network: score the
 * click (core), sign its id, append it to the spool, answer 302 once the click is written. A miss
 * waits for one shared Postgres lookup. Every outcome records its own request metrics (`started`
 * is when the request arrived); a malformed query throws, for the router to answer 400.
 * No closure is created per request on a cache hit (tsx wraps each one in a naming helper).
 */
export function handleRedirect(
  ctx: TrackerContext,
  req: IncomingMessage,
  res: ServerResponse,
  code: string,
  rawQuery: string,
  started: number,
): void {
  if (!LINK_CODE.test(code)) {
    notFound(ctx, res, started)
    return
  }
  const query = rawQuery === '' ? EMPTY : parseClickQuery(parseParams(rawQuery))
  const cached = ctx.linksByCode.get(code)
  if (!(cached instanceof Promise)) {
    click(ctx, req, res, cached, query, started)
    return
  }
  cached.then(
    (link) => click(ctx, req, res, link, query, started),
    (error: unknown) => {
      ctx.log(`tracker: link lookup failed: ${error instanceof Error ? error.message : String(error)}`)
      if (!res.headersSent) sendText(res, 503, 'Link lookup failed; retry in a moment\n')
      ctx.metrics.request('redirect', res.statusCode, (performance.now() - started) / 1000)
    },
  )
}

function notFound(ctx: TrackerContext, res: ServerResponse, started: number): void {
  linkNotFoundPage(res)
  ctx.metrics.request('redirect', 404, (performance.now() - started) / 1000)
}

function parseClickQuery(params: Params): ClickQuery {
  const parsed = clickQuery.safeParse(params)
  if (!parsed.success) throw badRequest(describeZodError(parsed.error))
  return parsed.data
}

function click(
  ctx: TrackerContext,
  req: IncomingMessage,
  res: ServerResponse,
  link: TrackedLink | null,
  query: ClickQuery,
  started: number,
): void {
  if (!link?.active || !link.landing) {
    notFound(ctx, res, started)
    return
  }
  const now = Date.now()
  const headers = req.headers
  const userAgent = (headers['user-agent'] ?? '').slice(0, 512)
  const ip = ctx.identity.ip(req)
  const visitorHash = ctx.identity.visitorHash(ip, userAgent)
  const unique = ctx.visitors.hit(`${link.id}:${visitorHash}`, now).first
  const recentClicksFromIpOnLink = ctx.ipClicks.hit(`${link.id}:${ip}`, now).count
  const fraud = scoreClick(
    { userAgent: userAgent === '' ? null : userAgent, recentClicksFromIpOnLink },
    link.program.fraud,
  )
  let isBot = fraud.decision === 'block'
  const flagCodes: string[] = []
  for (const flag of fraud.flags) {
    flagCodes.push(flag.code)
    if (flag.code === 'bot_user_agent') isBot = true
  }
  const clickId = ctx.signer.sign({ linkId: link.id, at: now, bot: isBot })

  const row: ClickRow = {
    event_id: randomUUID(),
    ts: now,
    click_id: clickId,
    program_id: link.programId,
    partner_id: link.partnerId,
    link_id: link.id,
    visitor_hash: visitorHash,
    ip_hash: ctx.identity.ipKey(ip),
    country: ctx.identity.country(req),
    device: isBot ? 'bot' : deviceClass(userAgent),
    user_agent: userAgent,
    referer: (headers.referer ?? '').slice(0, 1024),
    sub1: query.sub1 ?? '',
    sub2: query.sub2 ?? '',
    sub3: query.sub3 ?? '',
    sub4: query.sub4 ?? '',
    sub5: query.sub5 ?? '',
    utm_source: query.utm_source ?? '',
    utm_medium: query.utm_medium ?? '',
    utm_campaign: query.utm_campaign ?? '',
    is_unique: unique ? 1 : 0,
    is_bot: isBot ? 1 : 0,
    fraud_score: fraud.score,
    fraud_flags: flagCodes,
  }

  const landing = (query.url && allowedDeepLink(query.url, link.program.allowedDomains)) || link.landing
  const location = landingUrl(
    landing,
    link.program.clickParam,
    clickId,
    query === EMPTY ? null : (query as Partial<Record<PassthroughKey, string>>),
  )
  // A flat [name, value, …] list: writeHead takes it without walking an object's keys.
  const responseHeaders = ['location', location, 'cache-control', 'no-store', 'content-length', '0']
  const cookie = clickCookieHeader(req, link, clickId)
  if (cookie) responseHeaders.push('set-cookie', cookie)

  // The 302 goes out only once the click is in the spool file: a crash between the two can only
  // leave a click recorded without its 302, never a 302 without its click.
  const pending: PendingClick = { ctx, res, link, headers: responseHeaders, started }
  ctx.spool.enqueue('clicks', clickRowJson(row), clickWritten, pending)
}

interface PendingClick {
  ctx: TrackerContext
  res: ServerResponse
  link: TrackedLink
  headers: string[]
  started: number
}

function clickWritten(error: Error | null, p: PendingClick): void {
  if (error) spoolUnavailable(p.ctx, p.res, p.link, error)
  else {
    p.ctx.metrics.spooledEvent('clicks')
    p.res.writeHead(302, p.headers)
    p.res.end()
  }
  p.ctx.metrics.request('redirect', p.res.statusCode, (performance.now() - p.started) / 1000)
}

/**
 * The click could not be recorded (disk full, I/O error). No 302 is answered for a click that is
 * not in the spool; a person still gets a way to the destination.
 */
function spoolUnavailable(ctx: TrackerContext, res: ServerResponse, link: TrackedLink, error: unknown): void {
  ctx.log(`tracker: spool append failed: ${error instanceof Error ? error.message : String(error)}`)
  if (res.headersSent) return
  const href = escapeHtml(link.destinationUrl)
  sendHtml(
    res,
    503,
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Temporarily unavailable</title><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1>Temporarily unavailable</h1><p>This link cannot be tracked right now. <a href="${href}" rel="nofollow">Continue to the site</a>.</p></body></html>`,
  )
}

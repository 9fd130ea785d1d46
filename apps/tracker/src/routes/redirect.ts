import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { scoreClick } from '@tandem/core'
import type { ClickRow } from '@tandem/db'
import type { TrackerContext } from '../context.ts'
import { clickRowMaxBytes, writeClickRow } from '../events/click-row-writer.ts'
import { deviceClass } from '../http/client-info.ts'
import { escapeHtml, linkNotFoundPage, sendHtml, sendText } from '../http/respond.ts'
import { allowedDeepLink, landingUrl } from '../links/landing.ts'
import { LINK_CODE, type TrackedLink } from '../links/tracked-link.ts'
import type { RecordWriter } from '../spool/spool.ts'
import { clickCookieHeader } from './click-cookie.ts'
import { type ClickQuery, NO_CLICK_PARAMETERS, parseClickQuery } from './click-query.ts'

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
  const query = parseClickQuery(rawQuery)
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
  const unique = ctx.visitors.hit(link.id, visitorHash, now) === 1
  const recentClicksFromIpOnLink = ctx.ipClicks.hit(link.id, ip, now)
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

  const location =
    query === NO_CLICK_PARAMETERS && link.click.locationStart !== null
      ? link.click.locationStart + clickId + link.click.locationEnd
      : landingUrl(
          (query.url && allowedDeepLink(query.url, link.program.allowedDomains)) || link.landing,
          link.program.clickParam,
          clickId,
          query === NO_CLICK_PARAMETERS ? null : query,
        )
  const cookie = clickCookieHeader(req, link, clickId)

  // The 302 goes out only once the click is in the spool file: a crash between the two can only
  // leave a click recorded without its 302, never a 302 without its click. The row is encoded
  // straight into the spool's batch buffer (CLICK_RECORD), never as a string of its own.
  const pending: PendingClick = { ctx, res, link, row, location, cookie, started }
  ctx.spool.enqueueWith('clicks', CLICK_RECORD, pending, clickWritten, pending)
}

interface PendingClick {
  ctx: TrackerContext
  res: ServerResponse
  link: TrackedLink
  row: ClickRow
  location: string
  cookie: string | null
  started: number
}

const CLICK_RECORD: RecordWriter<PendingClick> = {
  maxBytes: (p) => clickRowMaxBytes(p.row, p.link.click.rowFields),
  write: (buffer, offset, p) => writeClickRow(buffer, offset, p.row, p.link.click.rowFields),
}

// Flat [name, value, …] lists: writeHead reads them synchronously, so every click reuses one.
const HEADERS = ['location', '', 'cache-control', 'no-store', 'content-length', '0']
const HEADERS_WITH_COOKIE = [...HEADERS, 'set-cookie', '']

function clickWritten(error: Error | null, p: PendingClick): void {
  if (error) spoolUnavailable(p.ctx, p.res, p.link, error)
  else {
    p.ctx.metrics.spooledEvent('clicks')
    const headers = p.cookie === null ? HEADERS : HEADERS_WITH_COOKIE
    headers[1] = p.location
    if (p.cookie !== null) headers[7] = p.cookie
    p.res.writeHead(302, headers)
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

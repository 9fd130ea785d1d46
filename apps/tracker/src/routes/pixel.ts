import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { emptyEventRow, loadConversionProgram } from '@tandem/db'
import { z } from 'zod'
import type { TrackerContext } from '../context.ts'
import {
  clickIdList,
  couponCode,
  currencyCode,
  decimalAmount,
  email,
  eventName,
  externalId,
  hashEmail,
  orderId,
  parseMoney,
  subId,
} from '../conversions/parse-input.ts'
import { badRequest, describeZodError, HttpError, notFound } from '../http/http-error.ts'
import { parseParams } from '../http/query.ts'
import { sendPixel } from '../http/respond.ts'
import { LINK_CODE } from '../links/tracked-link.ts'
import { clientContext } from './client-context.ts'

const impression = z.object({
  type: z.literal('impression').default('impression'),
  link: z.string().regex(LINK_CODE, 'must be a link code'),
  sub1: subId.optional(),
  sub2: subId.optional(),
  sub3: subId.optional(),
  sub4: subId.optional(),
  sub5: subId.optional(),
})

const conversion = z.object({
  type: z.literal('conversion'),
  program: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be a program slug'),
  event: eventName.default('sale'),
  order_id: orderId,
  amount: decimalAmount.optional(),
  currency: currencyCode.optional(),
  tclid: clickIdList.optional(),
  coupon: couponCode.optional(),
  customer_id: externalId.optional(),
  email: email.optional(),
  sub1: subId.optional(),
  sub2: subId.optional(),
  sub3: subId.optional(),
  sub4: subId.optional(),
  sub5: subId.optional(),
})

/**
 * GET /p.gif — a 1x1 pixel. type=impression (default) records a view of a link; type=conversion
 * is the snippet's client-side conversion: unauthenticated, so it needs an accepted touch (a
 * signed click id of the program, in the window, or an active coupon), is always recorded as
 * pending and flagged for review, earns only once the server confirms it when the program says
 * 'confirm', is refused when it says 'off', and gives way to the merchant's authenticated
 * conversion of the same order (supersede.ts).
 */
export async function handlePixel(
  ctx: TrackerContext,
  req: IncomingMessage,
  res: ServerResponse,
  rawQuery: string,
): Promise<void> {
  const params = parseParams(rawQuery)
  if (params.type === 'conversion') return pixelConversion(ctx, req, res, params)
  const parsed = impression.safeParse(params)
  if (!parsed.success) throw badRequest(describeZodError(parsed.error))
  const q = parsed.data
  const link = await ctx.linksByCode.get(q.link)
  if (!link?.active) throw notFound(`Unknown or inactive link ${q.link}`)
  const client = clientContext(ctx, req)
  await ctx.emit('events', {
    ...emptyEventRow(),
    event_id: randomUUID(),
    ts: Date.now(),
    type: 'impression',
    program_id: link.programId,
    partner_id: link.partnerId,
    link_id: link.id,
    visitor_hash: client.visitorHash,
    ip_hash: client.ipHash,
    user_agent: client.userAgent,
    referer: client.referer,
    sub1: q.sub1 ?? '',
    sub2: q.sub2 ?? '',
    sub3: q.sub3 ?? '',
    sub4: q.sub4 ?? '',
    sub5: q.sub5 ?? '',
  })
  sendPixel(res)
}

async function pixelConversion(
  ctx: TrackerContext,
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string>,
): Promise<void> {
  const parsed = conversion.safeParse(params)
  if (!parsed.success) throw badRequest(describeZodError(parsed.error))
  const q = parsed.data
  const clickIds = q.tclid ?? []
  if (clickIds.length === 0 && !q.coupon) {
    throw badRequest(
      'A client-side conversion needs tclid (click ids) or coupon: send server-side postbacks otherwise',
    )
  }
  const program = await loadConversionProgram(ctx.stores.db, { slug: q.program })
  if (!program) throw notFound(`Unknown program ${q.program}`)
  if (program.pixel_conversions === 'off') {
    throw new HttpError(
      403,
      'pixel_conversions_off',
      `Program ${program.slug} takes no client-side conversions: send them by postback or the API`,
    )
  }
  const currency = q.currency ?? program.currency
  const subIds: Record<string, string> = {}
  for (const key of ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const) if (q[key]) subIds[key] = q[key]
  await ctx.conversions.create(program, {
    source: 'snippet',
    actorId: 'snippet',
    event: q.event,
    orderId: q.order_id,
    amount: parseMoney(q.amount ?? '0', currency, 'amount'),
    tax: null,
    shipping: null,
    lineItems: [],
    status: 'pending',
    clickIds,
    coupon: q.coupon ?? null,
    customer: { externalId: q.customer_id ?? null, emailHash: q.email ? hashEmail(q.email) : null },
    subIds,
    occurredAt: new Date(),
    recurring: null,
    client: clientContext(ctx, req),
  })
  sendPixel(res)
}

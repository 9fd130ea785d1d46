import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type ConversionProgram,
  findIdempotentResponse,
  loadConversionProgram,
  saveIdempotentResponse,
} from '@tandem/db'
import { type ApiKeyIdentity, type ApiKeyScope, verifyApiKey } from '@tandem/services'
import { z } from 'zod'
import type { TrackerContext } from '../context.ts'
import {
  couponCode,
  currencyCode,
  email,
  eventName,
  externalId,
  hashEmail,
  minorAmount,
  orderId,
  refundId,
  subId,
} from '../conversions/parse-input.ts'
import type { ConversionOutcome, NewConversionRequest } from '../conversions/types.ts'
import { badRequest, describeZodError, HttpError, unauthorized } from '../http/http-error.ts'
import { parseJsonBody } from '../http/json-body.ts'
import { readBodyText } from '../http/read-body.ts'
import { sendJson } from '../http/respond.ts'
import { clientContext } from './client-context.ts'
import { outcomeBody } from './outcome-body.ts'

const clickId = z.string().min(1).max(64)

const conversionBody = z.strictObject({
  event: eventName.default('sale'),
  order_id: orderId,
  amount_minor: minorAmount,
  currency: currencyCode,
  tax_minor: minorAmount.optional(),
  shipping_minor: minorAmount.optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'hold', 'reversed']).default('pending'),
  click_id: clickId.optional(),
  click_ids: z.array(clickId).max(20, 'at most 20 click ids').optional(),
  coupon: couponCode.optional(),
  customer: z.strictObject({ external_id: externalId.optional(), email: email.optional() }).optional(),
  line_items: z
    .array(
      z.strictObject({
        sku: z.string().min(1).max(128),
        product_id: z.string().max(128).optional(),
        category: z.string().max(128).optional(),
        quantity: z.number().int().min(1).max(1_000_000),
        amount_minor: minorAmount,
      }),
    )
    .max(500, 'at most 500 line items')
    .optional(),
  sub_ids: z
    .strictObject({ sub1: subId, sub2: subId, sub3: subId, sub4: subId, sub5: subId })
    .partial()
    .optional(),
  occurred_at: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2026-01-31T12:00:00Z' })
    .optional(),
  recurring: z
    .strictObject({
      payment_index: z.number().int().min(1),
      months_since_first_payment: z.number().int().min(0),
    })
    .optional(),
})

const refundBody = z.strictObject({
  event: eventName.default('sale'),
  order_id: orderId,
  refund_id: refundId,
  amount_minor: minorAmount.min(1).optional(),
  currency: currencyCode.optional(),
  reason: z.string().max(255).optional(),
})

const MAX_BODY = 1024 * 1024

/** POST /v1/conversions and POST /v1/refunds: JSON, Bearer API key, optional Idempotency-Key. */
export async function handleConversionsApi(
  ctx: TrackerContext,
  req: IncomingMessage,
  res: ServerResponse,
  kind: 'conversions' | 'refunds',
): Promise<void> {
  const key = await authenticate(ctx, req, kind === 'conversions' ? 'conversions:write' : 'refunds:write')
  const idempotencyKey = readIdempotencyKey(req)
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  if (type !== 'application/json')
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json')
  const raw = await readBodyText(req, MAX_BODY)
  const requestHash = createHash('sha256').update(raw).digest('hex')
  const scope = `api:${key.id}:${kind}`

  if (idempotencyKey) {
    const stored = await findIdempotentResponse(ctx.stores.db, scope, idempotencyKey)
    if (stored) {
      if (stored.requestHash !== requestHash) {
        throw new HttpError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was used with a different body',
        )
      }
      sendJson(res, stored.statusCode, stored.response, { 'idempotent-replayed': 'true' })
      return
    }
  }

  const value = parseJsonBody(raw)
  const program = await loadConversionProgram(ctx.stores.db, { id: key.programId })
  if (!program) throw unauthorized('The API key belongs to a program that no longer exists')
  const outcome =
    kind === 'conversions'
      ? await createConversion(ctx, req, program, key, value)
      : await refund(ctx, req, program, key, value)
  const status = outcome.result === 'created' || outcome.result === 'rejected' ? 201 : 200
  const body = outcomeBody(outcome)
  if (idempotencyKey) {
    await saveIdempotentResponse(ctx.stores.db, {
      scope,
      key: idempotencyKey,
      requestHash,
      statusCode: status,
      response: body,
    })
  }
  sendJson(res, status, body)
}

async function createConversion(
  ctx: TrackerContext,
  req: IncomingMessage,
  program: ConversionProgram,
  key: ApiKeyIdentity,
  value: unknown,
): Promise<ConversionOutcome> {
  const parsed = conversionBody.safeParse(value)
  if (!parsed.success) throw badRequest(describeZodError(parsed.error))
  const b = parsed.data
  const money = (amountMinor: number) => ({ amountMinor, currency: b.currency })
  const occurredAt = b.occurred_at ? new Date(b.occurred_at) : new Date()
  if (occurredAt.getTime() > Date.now() + 5 * 60_000) throw badRequest('occurred_at: is in the future')
  const request: NewConversionRequest = {
    source: 'api',
    actorId: key.id,
    event: b.event,
    orderId: b.order_id,
    amount: money(b.amount_minor),
    tax: b.tax_minor !== undefined ? money(b.tax_minor) : null,
    shipping: b.shipping_minor !== undefined ? money(b.shipping_minor) : null,
    lineItems: (b.line_items ?? []).map((item) => ({
      sku: item.sku,
      productId: item.product_id ?? null,
      category: item.category ?? null,
      quantity: item.quantity,
      amount: money(item.amount_minor),
    })),
    status: b.status,
    clickIds: [...(b.click_id ? [b.click_id] : []), ...(b.click_ids ?? [])].slice(0, 20),
    coupon: b.coupon ?? null,
    customer: {
      externalId: b.customer?.external_id ?? null,
      emailHash: b.customer?.email ? hashEmail(b.customer.email) : null,
    },
    subIds: Object.fromEntries(Object.entries(b.sub_ids ?? {}).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >,
    occurredAt,
    recurring: b.recurring
      ? {
          paymentIndex: b.recurring.payment_index,
          monthsSinceFirstPayment: b.recurring.months_since_first_payment,
        }
      : null,
    client: clientContext(ctx, req),
  }
  return ctx.conversions.create(program, request)
}

async function refund(
  ctx: TrackerContext,
  req: IncomingMessage,
  program: ConversionProgram,
  key: ApiKeyIdentity,
  value: unknown,
): Promise<ConversionOutcome> {
  const parsed = refundBody.safeParse(value)
  if (!parsed.success) throw badRequest(describeZodError(parsed.error))
  const b = parsed.data
  if (b.amount_minor !== undefined && !b.currency) throw badRequest('currency: is required with amount_minor')
  return ctx.conversions.change(program, {
    source: 'api',
    actorId: key.id,
    event: b.event,
    orderId: b.order_id,
    change: {
      type: 'refund',
      refundId: b.refund_id,
      amount:
        b.amount_minor !== undefined && b.currency
          ? { amountMinor: b.amount_minor, currency: b.currency }
          : null,
    },
    client: clientContext(ctx, req),
  })
}

async function authenticate(
  ctx: TrackerContext,
  req: IncomingMessage,
  scope: ApiKeyScope,
): Promise<ApiKeyIdentity> {
  const header = req.headers.authorization
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
  if (!match) throw unauthorized('Send the API key as Authorization: Bearer tdm_…')
  const key = await verifyApiKey(ctx.stores.db, match[1]!, new Date())
  if (!key) throw unauthorized('The API key is not valid (unknown, revoked or mistyped)')
  if (!key.scopes.includes(scope)) {
    throw new HttpError(
      403,
      'insufficient_scope',
      `This API key may not do this: it needs the ${scope} scope`,
    )
  }
  return key
}

function readIdempotencyKey(req: IncomingMessage): string | null {
  const value = req.headers['idempotency-key']
  if (value === undefined) return null
  if (typeof value !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(value)) {
    throw badRequest('Idempotency-Key must be 1-255 printable ASCII characters (a UUID is a good choice)')
  }
  return value
}

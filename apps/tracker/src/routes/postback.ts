import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type ConversionProgram,
  claimPostbackSignature,
  loadConversionProgram,
  programIdsByPostbackToken,
  releasePostbackSignature,
} from '@tandem/db'
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
  refundId,
  subId,
} from '../conversions/parse-input.ts'
import type { ConversionChangeRequest, NewConversionRequest } from '../conversions/types.ts'
import { badRequest, describeZodError, HttpError, unauthorized } from '../http/http-error.ts'
import { type Params, parseParams } from '../http/query.ts'
import { readBody } from '../http/read-body.ts'
import { sendJson } from '../http/respond.ts'
import { authenticatePostback, SIGNATURE_WINDOW_SECONDS } from '../postback/signature.ts'
import { clientContext } from './client-context.ts'
import { outcomeBody } from './outcome-body.ts'

/** Network conventions for the click id parameter, in order of preference. */
export const CLICK_ID_ALIASES = ['tclid', 'click_id', 'clickid', 'transaction_id', 'tid'] as const

const postbackSchema = z.object({
  action: z.enum(['create', 'update'], { error: 'action must be create or update' }).default('create'),
  event: eventName.default('sale'),
  order_id: orderId,
  amount: decimalAmount.optional(),
  currency: currencyCode.optional(),
  status: z
    .enum(['pending', 'approved', 'rejected', 'hold', 'reversed'], {
      error: 'status must be pending, approved, rejected, hold or reversed',
    })
    .optional(),
  coupon: couponCode.optional(),
  customer_id: externalId.optional(),
  email: email.optional(),
  sub1: subId.optional(),
  sub2: subId.optional(),
  sub3: subId.optional(),
  sub4: subId.optional(),
  sub5: subId.optional(),
  refund_amount: decimalAmount.optional(),
  refund_id: refundId.optional(),
  reason: z.string().max(255).optional(),
})

const MAX_BODY = 64 * 1024

/**
 * GET|POST /postback — server-to-server conversions in affiliate-network conventions, and the
 * "conversion change" form (action=update) that refunds or changes the status of an order.
 */
export async function handlePostback(
  ctx: TrackerContext,
  req: IncomingMessage,
  res: ServerResponse,
  rawQuery: string,
): Promise<void> {
  const query = parseParams(rawQuery)
  let params: Params = query
  let rawJson: string | null = null
  if (req.method === 'POST') {
    const body = await readBody(req, MAX_BODY)
    if (body.kind === 'form') params = Object.assign(Object.create(null), query, body.params)
    else {
      rawJson = body.raw
      params = Object.assign(Object.create(null), query, flatJson(body.value))
      if (req.headers['x-tandem-signature'] !== undefined) params = signedJsonParams(query, body.value)
    }
  }

  const clickIds = readClickIds(params)
  const program = await resolveProgram(ctx, params, clickIds)
  const now = Date.now()
  const auth = authenticatePostback(program, params, req.headers, rawJson, now)
  const claim = { programId: program.id, signature: auth.method === 'signature' ? auth.signature : '' }
  if (
    auth.method === 'signature' &&
    !(await claimPostbackSignature(ctx.stores.db, {
      ...claim,
      expiresAt: new Date(now + 2 * SIGNATURE_WINDOW_SECONDS * 1000),
      now: new Date(now),
    }))
  ) {
    throw new HttpError(
      409,
      'replayed_signature',
      'This signature was already used: sign each postback afresh (new ts)',
    )
  }
  try {
    const parsed = postbackSchema.safeParse(params)
    if (!parsed.success) throw badRequest(describeZodError(parsed.error))
    const input = parsed.data
    const client = clientContext(ctx, req)
    const outcome =
      input.action === 'update'
        ? await ctx.conversions.change(program, changeRequest(program, input, client))
        : await ctx.conversions.create(program, createRequest(program, input, clickIds, client))
    sendJson(res, 200, outcomeBody(outcome))
  } catch (error) {
    // Nothing was written for a refused request: the same signature may be sent again, fixed.
    if (auth.method === 'signature' && error instanceof HttpError) {
      await releasePostbackSignature(ctx.stores.db, claim.programId, claim.signature)
    }
    throw error
  }
}

/**
 * A signed JSON postback uses only what the signature covers: the body. The query string may name
 * the program (it picks the secret the body must match) and nothing else: an unsigned
 * `status=approved` or `tclid=` beside a signed body would be trusted without proof.
 */
function signedJsonParams(query: Params, body: unknown): Params {
  const unsigned = Object.keys(query).filter((k) => k !== 'program')
  if (unsigned.length > 0) {
    throw unauthorized(
      `A signed JSON postback carries its parameters in the signed body; the query string may only name the program (found ${unsigned
        .slice(0, 5)
        .map((k) => JSON.stringify(k.slice(0, 40)))
        .join(', ')})`,
    )
  }
  const params = flatJson(body)
  if (query.program !== undefined && params.program === undefined) params.program = query.program
  return params
}

type PostbackInput = z.infer<typeof postbackSchema>

function createRequest(
  program: ConversionProgram,
  input: PostbackInput,
  clickIds: string[],
  client: NewConversionRequest['client'],
): NewConversionRequest {
  const currency = input.currency ?? program.currency
  return {
    source: 'postback',
    actorId: 'postback',
    event: input.event,
    orderId: input.order_id,
    amount: parseMoney(input.amount ?? '0', currency, 'amount'),
    tax: null,
    shipping: null,
    lineItems: [],
    status: input.status ?? 'pending',
    clickIds,
    coupon: input.coupon ?? null,
    customer: {
      externalId: input.customer_id ?? null,
      emailHash: input.email ? hashEmail(input.email) : null,
    },
    subIds: subIds(input),
    occurredAt: new Date(),
    recurring: null,
    client,
  }
}

function changeRequest(
  program: ConversionProgram,
  input: PostbackInput,
  client: ConversionChangeRequest['client'],
): ConversionChangeRequest {
  const base = {
    source: 'postback' as const,
    actorId: 'postback',
    event: input.event,
    orderId: input.order_id,
    client,
  }
  const changes = [input.refund_amount !== undefined, input.amount !== undefined, input.status !== undefined]
  if (changes.filter(Boolean).length !== 1) {
    throw badRequest(
      'An update changes one thing: send refund_amount (with refund_id), amount (the new total) or status',
    )
  }
  const currency = input.currency ?? program.currency
  if (input.refund_amount !== undefined) {
    if (!input.refund_id) {
      throw badRequest(
        'refund_amount needs refund_id, so a retried postback is applied once (or send amount= the new total)',
      )
    }
    return {
      ...base,
      change: {
        type: 'refund',
        refundId: input.refund_id,
        amount: parseMoney(input.refund_amount, currency, 'refund_amount'),
      },
    }
  }
  if (input.amount !== undefined) {
    return { ...base, change: { type: 'new_total', total: parseMoney(input.amount, currency, 'amount') } }
  }
  const status = input.status!
  if (status === 'reversed') {
    return {
      ...base,
      change: { type: 'refund', refundId: input.refund_id ?? 'reported-reversed', amount: null },
    }
  }
  return {
    ...base,
    change: { type: 'status', status: status === 'hold' ? 'pending' : status, reason: input.reason ?? null },
  }
}

function subIds(input: PostbackInput): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const) {
    const value = input[key]
    if (value) out[key] = value
  }
  return out
}

function readClickIds(params: Params): string[] {
  for (const alias of CLICK_ID_ALIASES) {
    const value = params[alias]
    if (value === undefined || value === '') continue
    const parsed = clickIdList.safeParse(value)
    if (!parsed.success) throw badRequest(`${alias}: ${describeZodError(parsed.error)}`)
    return parsed.data
  }
  return []
}

/**
 * The program named by `program=` (slug), else the program of the first valid click id, else the
 * program whose postback token was sent (a token belongs to one program).
 */
async function resolveProgram(
  ctx: TrackerContext,
  params: Params,
  clickIds: string[],
): Promise<ConversionProgram> {
  const slug = params.program
  if (slug !== undefined) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(slug)) throw badRequest('program must be a program slug')
    const program = await loadConversionProgram(ctx.stores.db, { slug })
    // 401 like a wrong token: a 404 would tell anyone which program slugs exist.
    if (!program) throw unauthorized('The postback is not authenticated for this program')
    return program
  }
  for (const id of clickIds) {
    const verdict = ctx.signer.verify(id)
    if (!verdict.ok) continue
    const link = await ctx.linksById.get(String(verdict.linkId))
    if (!link) continue
    const program = await loadConversionProgram(ctx.stores.db, { id: link.programId })
    if (program) return program
  }
  const token = params.token
  if (token !== undefined) {
    const matches = token.length >= 8 ? await programIdsByPostbackToken(ctx.stores.db, token, new Date()) : []
    const program =
      matches.length === 1 ? await loadConversionProgram(ctx.stores.db, { id: matches[0]! }) : null
    if (program) return program
    throw unauthorized('The postback token is not valid (unknown, or rotated and past its grace period)')
  }
  throw badRequest(
    'Name the program with program=<slug>, or send a valid click id (tclid) of one of its links',
  )
}

/**
 * A JSON postback body: a flat object of strings and numbers (numbers as the client wrote them).
 * readBody already refused duplicate keys, control characters and invalid Unicode.
 */
function flatJson(value: unknown): Params {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('The JSON body must be an object of parameters')
  }
  const out: Params = Object.create(null)
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') out[key] = v
    else if (typeof v === 'number' && Number.isFinite(v)) out[key] = String(v)
    else if (typeof v === 'boolean') out[key] = String(v)
    else if (v !== null)
      throw badRequest(`Parameter ${JSON.stringify(key.slice(0, 40))} must be a string or a number`)
  }
  return out
}

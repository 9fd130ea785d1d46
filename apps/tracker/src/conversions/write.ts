import type { CommissionLine, ConversionLifecycle } from '@tandem/core'
import type { Conversion, Database, Stores } from '@tandem/db'
import type { Transaction } from 'kysely'
import type { AttributionDecision } from './decide.ts'
import type { ProgramRow } from './program.ts'
import type { CommissionView, ConversionSource, ConversionView, NewConversionRequest } from './types.ts'

type Db = Stores['db']
export type Trx = Transaction<Database>

export function actorType(source: ConversionSource): 'postback' | 'api' | 'system' {
  return source === 'api' ? 'api' : source === 'postback' ? 'postback' : 'system'
}

export interface NewConversionWrite {
  id: string
  program: ProgramRow
  request: NewConversionRequest
  decision: AttributionDecision
  lines: readonly CommissionLine[]
  /** Set the customer's lifetime referrer to this partner when they have none yet. */
  lifetimeReferrer: string | null
  now: Date
}

/**
 * Writes a new conversion, its ledger rows, the customer, an audit row and webhook outbox rows
 * in one transaction. Idempotent per (program, event, order id): when the conversion already
 * exists nothing is written and false is returned (the unique index decides, so a hundred
 * concurrent copies of one postback make one conversion).
 */
export async function writeNewConversion(db: Db, w: NewConversionWrite): Promise<boolean> {
  return db.transaction().execute((trx) => insertNewConversion(trx, w))
}

/** The body of writeNewConversion, inside a transaction the caller owns (see supersede.ts). */
export async function insertNewConversion(trx: Trx, w: NewConversionWrite): Promise<boolean> {
  const { request, decision, program } = w
  const top = decision.attribution.shares[0] ?? null
  let customerId: string | null = null
  if (request.customer.externalId) {
    const customer = await trx
      .insertInto('customers')
      .values({
        program_id: program.id,
        external_id: request.customer.externalId,
        email_hash: request.customer.emailHash,
        first_seen_at: request.occurredAt,
        referrer_partner_id: w.lifetimeReferrer,
        referred_at: w.lifetimeReferrer ? request.occurredAt : null,
      })
      .onConflict((oc) =>
        oc.columns(['program_id', 'external_id']).doUpdateSet((eb) => ({
          email_hash: eb.fn.coalesce('customers.email_hash', 'excluded.email_hash'),
          referrer_partner_id: eb.fn.coalesce(
            'customers.referrer_partner_id',
            'excluded.referrer_partner_id',
          ),
          referred_at: eb.fn.coalesce('customers.referred_at', 'excluded.referred_at'),
        })),
      )
      .returning('id')
      .executeTakeFirstOrThrow()
    customerId = customer.id
  }

  const inserted = await trx
    .insertInto('conversions')
    .values({
      id: w.id,
      program_id: program.id,
      event: request.event,
      order_id: request.orderId,
      customer_id: customerId,
      partner_id: top?.partnerId ?? null,
      status: decision.lifecycle.state,
      amount_minor: request.amount.amountMinor,
      tax_minor: request.tax?.amountMinor ?? 0,
      shipping_minor: request.shipping?.amountMinor ?? 0,
      currency: request.amount.currency,
      click_id: decision.mainClick?.clickId ?? request.clickIds[0]?.slice(0, 64) ?? null,
      coupon_code: request.coupon,
      source: request.source,
      attribution: JSON.stringify({
        source: decision.attribution.source,
        shares: decision.attribution.shares,
        explanation: decision.attribution.explanation,
        needsReview:
          decision.attribution.needsReview ||
          decision.fraud.decision === 'review' ||
          request.source === 'snippet',
        fraudScore: decision.fraud.score,
        clickIds: request.clickIds.slice(0, 20),
      }),
      fraud_flags: JSON.stringify(decision.flags),
      sub_ids: JSON.stringify(request.subIds),
      line_items: JSON.stringify(request.lineItems),
      occurred_at: request.occurredAt,
      hold_until: decision.lifecycle.holdUntil,
      decided_at: decision.lifecycle.state === 'pending' ? null : w.now,
    })
    // One live conversion per order (a superseded one no longer counts: migration 0003).
    .onConflict((oc) =>
      oc.columns(['program_id', 'event', 'order_id']).where('superseded_by', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return false

  const status = rowStatus(decision.lifecycle)
  if (w.lines.length > 0) {
    await trx
      .insertInto('commissions')
      .values(
        w.lines.map((line, i) => ({
          program_id: program.id,
          partner_id: line.partnerId,
          conversion_id: w.id,
          rule_id: line.ruleId,
          level: line.level,
          kind: line.kind,
          amount_minor: line.amount.amountMinor,
          currency: line.amount.currency,
          status,
          explanation: line.explanation,
          reverses_id: null,
          idempotency_key: `conversion:${w.id}:line:${i}:${line.partnerId}:${line.level}:${line.kind}`,
          approved_at: status === 'approved' ? w.now : null,
        })),
      )
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute()
  }

  const total = w.lines.reduce((sum, l) => sum + l.amount.amountMinor, 0)
  await trx
    .insertInto('audit_log')
    .values({
      actor_type: actorType(request.source),
      actor_id: request.actorId,
      action: 'conversion.created',
      entity_type: 'conversion',
      entity_id: w.id,
      data: JSON.stringify({
        event: request.event,
        order_id: request.orderId,
        amount_minor: request.amount.amountMinor,
        currency: request.amount.currency,
        status: decision.lifecycle.state,
        attribution: decision.attribution.source,
        partner_id: top?.partnerId ?? null,
        commission_minor: total,
        fraud_score: decision.fraud.score,
      }),
    })
    .execute()
  await enqueueWebhooks(trx, program.id, 'conversion.created', {
    conversion_id: w.id,
    program_id: program.id,
    event: request.event,
    order_id: request.orderId,
    status: decision.lifecycle.state,
    amount_minor: request.amount.amountMinor,
    currency: request.amount.currency,
    partner_id: top?.partnerId ?? null,
    commissions: w.lines.map((l) => ({
      partner_id: l.partnerId,
      level: l.level,
      kind: l.kind,
      amount_minor: l.amount.amountMinor,
      currency: l.amount.currency,
    })),
  })
  return true
}

/** Ledger row status for a conversion state ('reversed' conversions keep their rows' status). */
export function rowStatus(
  lifecycle: Pick<ConversionLifecycle, 'state'>,
): 'pending' | 'approved' | 'rejected' {
  return lifecycle.state === 'approved' ? 'approved' : lifecycle.state === 'rejected' ? 'rejected' : 'pending'
}

/** One outbox row per active endpoint of the program subscribed to the topic (no events = all). */
export async function enqueueWebhooks(
  trx: Trx,
  programId: string,
  topic: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select(['id', 'events'])
    .where('program_id', '=', programId)
    .where('active', '=', true)
    .execute()
  const targets = endpoints.filter((e) => e.events.length === 0 || e.events.includes(topic))
  if (targets.length === 0) return
  await trx
    .insertInto('outbox')
    .values(
      targets.map((e) => ({
        endpoint_id: e.id,
        topic,
        payload: JSON.stringify({ topic, ...payload }),
        next_attempt_at: new Date(),
      })),
    )
    .execute()
}

/** The live (not superseded) conversion of an order and its ledger rows, as the API answers them. */
export async function loadConversionView(
  db: Db | Trx,
  programId: string,
  event: string,
  orderId: string,
): Promise<StoredConversion | null> {
  const row = await db
    .selectFrom('conversions')
    .select([
      'id',
      'source',
      'program_id',
      'event',
      'order_id',
      'status',
      'amount_minor',
      'refunded_minor',
      'currency',
      'partner_id',
      'hold_until',
      'fraud_flags',
    ])
    .where('program_id', '=', programId)
    .where('event', '=', event)
    .where('order_id', '=', orderId)
    .where('superseded_by', 'is', null)
    .executeTakeFirst()
  if (!row) return null
  const commissions = await db
    .selectFrom('commissions')
    .select(['partner_id', 'level', 'kind', 'amount_minor', 'currency', 'status', 'explanation'])
    .where('conversion_id', '=', row.id)
    .orderBy('created_at')
    .orderBy('level')
    .execute()
  return {
    source: row.source,
    conversion: {
      id: row.id,
      programId: row.program_id,
      event: row.event,
      orderId: row.order_id,
      status: row.status,
      amountMinor: row.amount_minor,
      refundedMinor: row.refunded_minor,
      currency: row.currency.trim(),
      partnerId: row.partner_id,
      holdUntil: row.hold_until ? row.hold_until.toISOString() : null,
      fraudFlags: Array.isArray(row.fraud_flags) ? row.fraud_flags : [],
    },
    commissions: commissions.map(commissionView),
  }
}

export interface StoredConversion {
  /** Who recorded it: a 'snippet' conversion gives way to an authenticated one (supersede.ts). */
  source: Conversion['source']
  conversion: ConversionView
  commissions: CommissionView[]
}

export function commissionView(c: {
  partner_id: string
  level: number
  kind: string
  amount_minor: number
  currency: string
  status: string
  explanation: string
}): CommissionView {
  return {
    partnerId: c.partner_id,
    level: c.level,
    kind: c.kind,
    amountMinor: c.amount_minor,
    currency: c.currency.trim(),
    status: c.status,
    explanation: c.explanation,
  }
}

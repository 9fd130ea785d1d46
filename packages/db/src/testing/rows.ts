import { randomUUID } from 'node:crypto'
import type { Stores } from '../stores.ts'

/**
 * Row builders for the read-model tests of this package: each inserts one row with sensible
 * defaults and returns its id. (The api package keeps its own, richer set for router tests.)
 */

let seq = 0
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`

export async function insertProgram(db: Stores['db'], over: { currency?: string } = {}): Promise<string> {
  const slug = `p-${next()}`
  const row = await db
    .insertInto('programs')
    .values({
      slug,
      name: `Program ${slug}`,
      kind: 'affiliate',
      currency: over.currency ?? 'EUR',
      attribution: {},
      rewards: null,
      fraud: {},
      default_landing_url: 'https://shop.example/',
      postback_token: `tok-${slug}`,
      postback_hmac_secret: 'secret',
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** An active partner, approved in each of `programIds`. */
export async function insertPartner(db: Stores['db'], programIds: readonly string[]): Promise<string> {
  const tag = next()
  const row = await db
    .insertInto('partners')
    .values({
      type: 'affiliate',
      name: `Partner ${tag}`,
      email: `partner-${tag}@example.com`,
      email_hash: tag,
      country: null,
      parent_partner_id: null,
      payout_method: null,
      payout_details: null,
      payout_currency: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const programId of programIds) {
    await db
      .insertInto('program_enrollments')
      .values({
        program_id: programId,
        partner_id: row.id,
        status: 'approved',
        group_id: null,
        decided_at: null,
      })
      .execute()
  }
  return row.id
}

export async function insertLink(
  db: Stores['db'],
  p: { programId: string; partnerId: string },
): Promise<number> {
  const code = `l${next()}`
  const row = await db
    .insertInto('links')
    .values({
      program_id: p.programId,
      partner_id: p.partnerId,
      code,
      name: `Link ${code}`,
      destination_url: 'https://shop.example/landing',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertConversion(
  db: Stores['db'],
  p: {
    programId: string
    partnerId: string | null
    amountMinor: number
    currency: string
    occurredAt: string
    status?: 'pending' | 'approved' | 'rejected' | 'reversed'
    refundedMinor?: number
  },
): Promise<string> {
  const row = await db
    .insertInto('conversions')
    .values({
      program_id: p.programId,
      event: 'sale',
      order_id: `o-${next()}`,
      partner_id: p.partnerId,
      status: p.status ?? 'pending',
      amount_minor: p.amountMinor,
      refunded_minor: p.refundedMinor ?? 0,
      currency: p.currency,
      source: 'seed',
      attribution: {},
      fraud_flags: [],
      sub_ids: {},
      line_items: [],
      occurred_at: new Date(p.occurredAt),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertCommission(
  db: Stores['db'],
  p: {
    programId: string
    partnerId: string
    conversionId: string
    amountMinor: number
    currency: string
    status?: 'pending' | 'approved' | 'rejected' | 'reversed'
  },
): Promise<string> {
  const row = await db
    .insertInto('commissions')
    .values({
      program_id: p.programId,
      partner_id: p.partnerId,
      conversion_id: p.conversionId,
      rule_id: null,
      level: 0,
      kind: 'commission',
      amount_minor: p.amountMinor,
      currency: p.currency,
      status: p.status ?? 'pending',
      explanation: 'test',
      reverses_id: null,
      idempotency_key: `k-${randomUUID()}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Clicks straight into ClickHouse's raw table (the rollup view fills clicks_daily_v1). */
export async function insertClicks(
  ch: Stores['ch'],
  clicks: {
    programId: string
    partnerId: string
    linkId: number
    ts: string
    unique?: boolean
    bot?: boolean
  }[],
): Promise<void> {
  await ch.insert({
    table: 'clicks',
    format: 'JSONEachRow',
    values: clicks.map((c) => ({
      event_id: randomUUID(),
      ts: new Date(c.ts).getTime(),
      click_id: randomUUID(),
      program_id: c.programId,
      partner_id: c.partnerId,
      link_id: c.linkId,
      is_unique: c.unique === false ? 0 : 1,
      is_bot: c.bot ? 1 : 0,
    })),
  })
}

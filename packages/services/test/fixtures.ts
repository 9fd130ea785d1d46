import { randomBytes, randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Database, Stores } from '@tandem/db'
import type { Kysely } from 'kysely'
import type { JobRunnerConfig } from '../src/jobs/config.ts'
import type { QueueConnection } from '../src/jobs/queue-connection.ts'

/** Rows written straight through Kysely: fixtures only, the code under test goes through services. */
export async function seedProgram(db: Kysely<Database>, opts: { holdDays?: number } = {}) {
  const tag = randomBytes(4).toString('hex')
  const program = await db
    .insertInto('programs')
    .values({
      slug: `jobs-${tag}`,
      name: `Jobs ${tag}`,
      kind: 'affiliate',
      currency: 'EUR',
      hold_days: opts.holdDays ?? 30,
      attribution: JSON.stringify({ model: 'last_click' }),
      rewards: null,
      fraud: JSON.stringify({}),
      default_landing_url: 'https://shop.example/',
      postback_token: `tok_${tag}${randomBytes(8).toString('hex')}`,
      postback_hmac_secret: randomBytes(16).toString('hex'),
      updated_at: new Date(),
    })
    .returning(['id', 'slug', 'postback_token'])
    .executeTakeFirstOrThrow()
  const email = `p-${tag}@partners.example`
  const partner = await db
    .insertInto('partners')
    .values({
      type: 'affiliate',
      name: `Partner ${tag}`,
      email,
      email_hash: tag,
      country: null,
      parent_partner_id: null,
      payout_method: null,
      payout_details: null,
      payout_currency: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('program_enrollments')
    .values({ program_id: program.id, partner_id: partner.id, status: 'approved', group_id: null })
    .execute()
  return { programId: program.id, slug: program.slug, token: program.postback_token, partnerId: partner.id }
}

export interface ConversionFixture {
  programId: string
  partnerId: string
  status?: 'pending' | 'approved' | 'rejected' | 'reversed'
  amountMinor?: number
  commissionMinor?: number
  holdUntil: Date
  createdAt?: Date
  needsReview?: boolean
  orderId?: string
  clickId?: string | null
  subIds?: Record<string, string>
  source?: 'api' | 'seed'
}

/** A conversion with one commission row, as the tracker writes them. */
export async function seedConversion(db: Kysely<Database>, f: ConversionFixture): Promise<string> {
  const id = randomUUID()
  const status = f.status ?? 'pending'
  const rowStatus = status === 'reversed' ? 'pending' : status
  await db
    .insertInto('conversions')
    .values({
      id,
      program_id: f.programId,
      event: 'sale',
      order_id: f.orderId ?? `o-${randomBytes(5).toString('hex')}`,
      customer_id: null,
      partner_id: f.partnerId,
      status,
      amount_minor: f.amountMinor ?? 10_000,
      refunded_minor: status === 'reversed' ? (f.amountMinor ?? 10_000) : 0,
      currency: 'EUR',
      click_id: f.clickId ?? null,
      coupon_code: null,
      source: f.source ?? 'api',
      attribution: JSON.stringify({ needsReview: f.needsReview ?? false }),
      fraud_flags: JSON.stringify([]),
      sub_ids: JSON.stringify(f.subIds ?? {}),
      line_items: JSON.stringify([]),
      occurred_at: new Date(f.holdUntil.getTime() - 30 * 86_400_000),
      hold_until: f.holdUntil,
      decided_at: status === 'pending' ? null : new Date(),
      ...(f.createdAt ? { created_at: f.createdAt } : {}),
    })
    .execute()
  await db
    .insertInto('commissions')
    .values({
      program_id: f.programId,
      partner_id: f.partnerId,
      conversion_id: id,
      rule_id: null,
      level: 0,
      kind: 'commission',
      amount_minor: f.commissionMinor ?? 1_000,
      currency: 'EUR',
      status: rowStatus,
      explanation: 'fixture',
      reverses_id: null,
      idempotency_key: `fixture:${id}`,
      approved_at: rowStatus === 'approved' ? new Date() : null,
    })
    .execute()
  return id
}

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
  /** The status the receiver answered. */
  status: number
}

/**
 * A real HTTP receiver on 127.0.0.1. `answer` picks the status for each request (after it is
 * recorded); every request is kept, in arrival order.
 */
export async function startReceiver(
  answer: (
    req: Omit<ReceivedRequest, 'status'>,
    seen: readonly ReceivedRequest[],
  ) => number | Promise<number>,
) {
  const received: ReceivedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      const status = await answer(r, received)
      received.push({ ...r, status })
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : `nope ${status}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Successful (2xx) requests per webhook-id. */
    okCountById(): Map<string, number> {
      const m = new Map<string, number>()
      for (const r of received) {
        const id = String(r.headers['webhook-id'])
        if (r.status < 300) m.set(id, (m.get(id) ?? 0) + 1)
      }
      return m
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** Fast timings for tests: short polls, 1 s retry delay, expired jobs noticed within a second. */
export function testRunnerConfig(over: Partial<JobRunnerConfig> = {}): JobRunnerConfig {
  return {
    holdOverrideSeconds: null,
    holdCheckSeconds: 1,
    referralSweepSeconds: 60,
    sessionSweepSeconds: 3600,
    payoutSweepSeconds: 3600,
    relayIntervalMs: 100,
    pollingSeconds: 0.5,
    maintenanceSeconds: 1,
    webhook: { retryLimit: 5, retryDelaySeconds: 1, timeoutMs: 2000, concurrency: 2 },
    ...over,
  }
}

export function queueConnection(stores: Stores): QueueConnection {
  if (stores.pglite) return { kind: 'pglite', pglite: stores.pglite }
  if (!stores.databaseUrl) throw new Error('stores have neither PGlite nor a server URL')
  return { kind: 'server', url: stores.databaseUrl }
}

/** Polls `check` until it returns true (bounded by `timeoutMs`, not a timing assertion). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 100))
  }
}

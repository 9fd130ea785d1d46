import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Stores } from '@tandem/db'
import { generateApiKey } from '../src/api/api-keys.ts'
import { hashEmail } from '../src/conversions/parse-input.ts'
import { type RunningTracker, type StartTrackerOptions, startTracker } from '../src/server.ts'

export const TEST_SECRET = 'tracker-test-secret-0123456789abcdefghijkl'

export interface SeededProgram {
  programId: string
  slug: string
  token: string
  hmacSecret: string
  partnerId: string
  partnerEmail: string
  parentId: string
  linkId: number
  code: string
  coupon: string
  apiKey: string
  saleRuleId: string
}

/**
 * A program with one approved partner (who has an approved parent partner), a link, a coupon, an
 * API key and rules: 10% of sales, 3.00 per lead, and a 10% two-tier override for the parent.
 */
export async function seedProgram(
  db: Stores['db'],
  options: {
    allowedDomains?: string[]
    fraud?: Record<string, unknown>
    attribution?: Record<string, unknown>
    holdDays?: number
    currency?: string
    pixelConversions?: 'on' | 'confirm' | 'off'
    maxConversionAmountMinor?: number | null
    rejectedClicks?: 'keep_unattributed' | 'refuse'
    deepLinkSubdomains?: boolean
  } = {},
): Promise<SeededProgram> {
  const tag = randomBytes(4).toString('hex')
  const slug = `shop-${tag}`
  const token = `tok_${randomBytes(12).toString('hex')}`
  const hmacSecret = randomBytes(24).toString('hex')
  const currency = options.currency ?? 'EUR'
  const program = await db
    .insertInto('programs')
    .values({
      slug,
      name: `Shop ${tag}`,
      kind: 'affiliate',
      currency,
      cookie_days: 30,
      hold_days: options.holdDays ?? 30,
      attribution: JSON.stringify(options.attribution ?? { model: 'last_click' }),
      rewards: null,
      fraud: JSON.stringify(options.fraud ?? {}),
      allowed_domains: options.allowedDomains ?? ['shop.example', 'example.org'],
      default_landing_url: 'https://shop.example/',
      postback_token: token,
      postback_hmac_secret: hmacSecret,
      // Absent options keep the migration's defaults (what a new program gets).
      ...(options.pixelConversions ? { pixel_conversions: options.pixelConversions } : {}),
      ...(options.maxConversionAmountMinor !== undefined
        ? { max_conversion_amount_minor: options.maxConversionAmountMinor }
        : {}),
      ...(options.rejectedClicks ? { rejected_clicks: options.rejectedClicks } : {}),
      ...(options.deepLinkSubdomains !== undefined
        ? { deep_link_subdomains: options.deepLinkSubdomains }
        : {}),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const partner = async (name: string, parent: string | null) => {
    const email = `${name}-${tag}@partners.example`
    const row = await db
      .insertInto('partners')
      .values({
        type: 'affiliate',
        name,
        email,
        email_hash: hashEmail(email),
        country: null,
        parent_partner_id: parent,
        payout_method: null,
        payout_details: null,
        payout_currency: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('program_enrollments')
      .values({
        program_id: program.id,
        partner_id: row.id,
        status: 'approved',
        group_id: null,
        decided_at: new Date(),
      })
      .execute()
    return { id: row.id, email }
  }
  const parent = await partner('parent', null)
  const child = await partner('child', parent.id)
  const code = `lnk-${tag}`
  const link = await db
    .insertInto('links')
    .values({
      program_id: program.id,
      partner_id: child.id,
      code,
      name: 'Spring sale',
      destination_url: 'https://shop.example/spring?ref=partner#top',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const coupon = `SAVE${tag.toUpperCase()}`
  await db
    .insertInto('coupons')
    .values({ program_id: program.id, partner_id: child.id, code: coupon, discount: null })
    .execute()
  const saleRuleId = randomUUID()
  const rules = [
    {
      id: saleRuleId,
      name: 'Revenue share 10%',
      rule: { kind: 'percentage', event: 'sale', rate: { bps: 1000 } },
    },
    {
      id: randomUUID(),
      name: 'Lead CPA',
      rule: { kind: 'flat', event: 'lead', amount: { amountMinor: 300, currency } },
    },
    {
      id: randomUUID(),
      name: 'Two-tier override 10%',
      rule: { kind: 'multi_level', levels: [{ rate: { bps: 1000 }, of: 'commission' }] },
    },
  ]
  await db
    .insertInto('commission_rules')
    .values(
      rules.map((r) => ({
        id: r.id,
        program_id: program.id,
        name: r.name,
        rule: JSON.stringify({ id: r.id, name: r.name, ...r.rule }),
        group_id: null,
        partner_id: null,
        updated_at: new Date(),
      })),
    )
    .execute()
  const key = generateApiKey()
  await db
    .insertInto('api_keys')
    .values({ program_id: program.id, name: 'test', prefix: key.prefix, key_hash: key.hash })
    .execute()
  return {
    programId: program.id,
    slug,
    token,
    hmacSecret,
    partnerId: child.id,
    partnerEmail: child.email,
    parentId: parent.id,
    linkId: link.id,
    code,
    coupon,
    apiKey: key.key,
    saleRuleId,
  }
}

/** A tracker on a free port with its own temporary spool. */
export async function startTestTracker(
  stores: Stores,
  options: Partial<StartTrackerOptions> = {},
): Promise<{ tracker: RunningTracker; spoolDir: string; close(): Promise<void> }> {
  const spoolDir = mkdtempSync(join(tmpdir(), 'tandem-tracker-spool-'))
  const tracker = await startTracker({
    stores,
    port: 0,
    host: '127.0.0.1',
    spoolDir,
    secret: TEST_SECRET,
    flushIntervalMs: 100,
    log: () => {},
    ...options,
  })
  return {
    tracker,
    spoolDir,
    close: async () => {
      await tracker.close()
      rmSync(spoolDir, { recursive: true, force: true })
    },
  }
}

/** One ClickHouse number, scoped by a query parameter. */
export async function chNumber(
  stores: Stores,
  query: string,
  params: Record<string, unknown>,
): Promise<number> {
  const result = await stores.ch.query({ query, query_params: params, format: 'JSONEachRow' })
  const [row] = await result.json<{ v: string | number }>()
  return Number(row?.v ?? 0)
}

/** A GET through node:http, for headers fetch will not send as given (Host). */
export function httpGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: import('node:http').IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

export interface CommissionJson {
  partner_id: string
  level: number
  kind: string
  amount_minor: number
  currency: string
  status: string
}

/** The JSON a postback or the API answers (or its error). */
export interface OutcomeJson {
  result: string
  conversion: {
    id: string
    status: string
    amount_minor: number
    refunded_minor: number
    partner_id: string | null
    fraud_flags: { code: string; reason: string }[]
  }
  commissions: CommissionJson[]
  written: CommissionJson[]
  attribution: { source: string; shares: { partner_id: string; weight_ppm: number }[] } | null
  reasons: string[]
  clicks: { accepted: number; rejected: { click_id: string; reason: string }[] } | null
  superseded: { conversion_id: string; status: string } | null
  error: { code: string; message: string } & Record<string, unknown>
}

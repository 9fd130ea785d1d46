import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Stores } from '@tandem/db'
import {
  type CreateProgramInput,
  createApiKey,
  createCoupon,
  createLink,
  createPartner,
  createProgram,
  publishRuleSet,
  systemContext,
} from '@tandem/services'
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
  // Made through the services, the way the admin portal makes them.
  const ctx = systemContext(db)
  const tag = randomBytes(4).toString('hex')
  const currency = options.currency ?? 'EUR'
  const program = await createProgram(ctx, {
    slug: `shop-${tag}`,
    name: `Shop ${tag}`,
    kind: 'affiliate',
    currency,
    holdDays: options.holdDays ?? 30,
    attribution: (options.attribution ?? { model: 'last_click' }) as CreateProgramInput['attribution'],
    fraud: (options.fraud ?? {}) as CreateProgramInput['fraud'],
    allowedDomains: options.allowedDomains ?? ['shop.example', 'example.org'],
    deepLinkSubdomains: options.deepLinkSubdomains ?? false,
    defaultLandingUrl: 'https://shop.example/',
    pixelConversions: options.pixelConversions ?? 'on',
    maxConversionAmountMinor: options.maxConversionAmountMinor ?? null,
    rejectedClicks: options.rejectedClicks ?? 'keep_unattributed',
  })
  const enrolled = [{ programId: program.id, status: 'approved' as const }]
  const parentEmail = `parent-${tag}@partners.example`
  const parent = await createPartner(ctx, {
    type: 'affiliate',
    name: 'parent',
    email: parentEmail,
    enrollments: enrolled,
  })
  const partnerEmail = `child-${tag}@partners.example`
  const child = await createPartner(ctx, {
    type: 'affiliate',
    name: 'child',
    email: partnerEmail,
    parentPartnerId: parent.id,
    enrollments: enrolled,
  })
  const code = `lnk-${tag}`
  const link = await createLink(ctx, {
    programId: program.id,
    partnerId: child.id,
    code,
    name: 'Spring sale',
    destinationUrl: 'https://shop.example/spring?ref=partner#top',
  })
  const coupon = `SAVE${tag.toUpperCase()}`
  await createCoupon(ctx, { programId: program.id, partnerId: child.id, code: coupon })
  const saleRuleId = randomUUID()
  await publishRuleSet(ctx, {
    programId: program.id,
    effectiveFrom: new Date('2000-01-01T00:00:00Z'),
    rules: [
      { id: saleRuleId, name: 'Revenue share 10%', kind: 'percentage', event: 'sale', rate: { bps: 1000 } },
      { name: 'Lead CPA', kind: 'flat', event: 'lead', amount: { amountMinor: 300, currency } },
      {
        name: 'Two-tier override 10%',
        kind: 'multi_level',
        levels: [{ rate: { bps: 1000 }, of: 'commission' }],
      },
    ],
  })
  const key = await createApiKey(ctx, { programId: program.id, name: 'test' })
  return {
    programId: program.id,
    slug: program.slug,
    token: program.postbackToken,
    hmacSecret: program.postbackHmacSecret,
    partnerId: child.id,
    partnerEmail,
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

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEMO_LOGINS } from '@tandem/demo'
import { sql } from 'kysely'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningPlatform, startPlatform } from '../src/platform.ts'
import { freePort } from './free-port.ts'

/**
 * The whole platform in embedded mode on a temporary data dir, driven through Debian's Chromium:
 * the numbers the portals show must equal what the stores hold, computed here independently.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const DAY_MS = 86_400_000

describe('platform end to end (embedded, Chromium)', () => {
  let dataDir: string
  let platform: RunningPlatform
  let browser: Browser

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tandem-e2e-'))
    const [tracker, admin, partner] = await Promise.all([freePort(), freePort(), freePort()])
    const env = {
      TANDEM_DATA_DIR: dataDir,
      TRACKER_PORT: String(tracker),
      ADMIN_PORT: String(admin),
      PARTNER_PORT: String(partner),
      HOST: '127.0.0.1',
      PUBLIC_HOST: '127.0.0.1',
    }
    platform = await startPlatform(env, () => {})
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    await platform?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  const range = () => {
    const to = new Date()
    const from = new Date(to.getTime() - 89 * DAY_MS)
    return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) }
  }

  /**
   * What the browser refuses or throws on a page: CSP violations ("Refused to …" in the console)
   * and uncaught errors. Both portals run under a CSP with no inline script: this must stay empty.
   */
  function watchProblems(page: Page): string[] {
    const problems: string[] = []
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text())
    })
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
    return problems
  }

  async function login(page: Page, baseUrl: string, email: string, password: string) {
    const res = await page.goto(`${baseUrl}/login`)
    // The page really is under the portal's policy (else "no violations" would prove nothing).
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/)
    await page.getByLabel(/email/i).fill(email)
    await page.getByLabel(/password/i).fill(password)
    await page.getByRole('button', { name: /log in|sign in/i }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  }

  const statValue = (page: Page, id: string) =>
    page.getByTestId(id).getAttribute('data-value', { timeout: 30_000 })

  /** "EUR:1234;USD:99" → { EUR: 1234, USD: 99 } */
  function parseMoneyValue(value: string | null): Record<string, number> {
    return Object.fromEntries(
      (value ?? '')
        .split(';')
        .filter(Boolean)
        .map((part) => {
          const [currency, amount] = part.split(':')
          return [currency ?? '', Number(amount)]
        }),
    )
  }

  async function expectedAdminClicks(from: string, to: string): Promise<number> {
    const rs = await platform.stores.ch.query({
      query: `SELECT count() AS c FROM clicks
              WHERE is_bot = 0 AND toDate(ts) BETWEEN {from:Date} AND {to:Date}`,
      query_params: { from, to },
      format: 'JSONEachRow',
    })
    return Number((await rs.json<{ c: string }>())[0]?.c ?? 0)
  }

  it('admin overview shows the numbers the stores hold, and a tracked click raises them', async () => {
    const { from, to } = range()
    const page = await browser.newPage()
    const problems = watchProblems(page)
    await login(page, platform.config.adminUrl, DEMO_LOGINS.owner.email, DEMO_LOGINS.owner.password)
    await page.goto(`${platform.config.adminUrl}/?from=${from}&to=${to}`)

    const clicks = await expectedAdminClicks(from, to)
    expect(clicks).toBeGreaterThan(1000)
    await expect.poll(() => statValue(page, 'stat-clicks'), { timeout: 30_000 }).toBe(String(clicks))

    const conversions = await sql<{ currency: string; n: number; revenue: number }>`
      select currency, count(*)::int8 as n, sum(amount_minor - refunded_minor)::int8 as revenue
      from conversions
      where status <> 'rejected' and occurred_at >= ${from}::date and occurred_at < ${to}::date + 1
      group by currency`.execute(platform.stores.db)
    const totalConversions = conversions.rows.reduce((sum, r) => sum + r.n, 0)
    expect(totalConversions).toBeGreaterThan(100)
    expect(await statValue(page, 'stat-conversions')).toBe(String(totalConversions))
    const expectedRevenue = Object.fromEntries(conversions.rows.map((r) => [r.currency.trim(), r.revenue]))
    expect(parseMoneyValue(await statValue(page, 'stat-revenue'))).toEqual(expectedRevenue)

    // A click through a seeded link: 302 with the signed click id, then the overview counts it.
    const link = await platform.stores.db
      .selectFrom('links')
      .innerJoin('programs', 'programs.id', 'links.program_id')
      .select(['links.code', 'programs.click_param'])
      .where('links.status', '=', 'active')
      .where('programs.status', '=', 'active')
      .orderBy('links.id')
      .executeTakeFirstOrThrow()
    const res = await fetch(`${platform.config.trackerUrl}/r/${link.code}`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get('location') ?? '')
    expect(location.searchParams.get(link.click_param)).toMatch(/^[A-Za-z0-9_-]{30,60}$/)

    await expect
      .poll(
        async () => {
          await page.reload()
          return statValue(page, 'stat-clicks')
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(String(clicks + 1))
    await page.goto(`${platform.config.adminUrl}/partners`)
    await page.getByTestId('partners-table').waitFor()
    expect(problems).toEqual([])
    await page.close()
  })

  it('partner portal shows a seeded partner only its own data', async () => {
    const page = await browser.newPage()
    const problems = watchProblems(page)
    const { email, password } = DEMO_LOGINS.affiliate
    await login(page, platform.config.partnerUrl, email, password)

    const me = await platform.stores.db
      .selectFrom('users')
      .select('partner_id')
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirstOrThrow()
    const partnerId = me.partner_id!

    const { from, to } = range()
    await page.goto(`${platform.config.partnerUrl}/?from=${from}&to=${to}`)
    const rs = await platform.stores.ch.query({
      query: `SELECT count() AS c FROM clicks
              WHERE partner_id = {partner:UUID} AND is_bot = 0 AND toDate(ts) BETWEEN {from:Date} AND {to:Date}`,
      query_params: { partner: partnerId, from, to },
      format: 'JSONEachRow',
    })
    const ownClicks = Number((await rs.json<{ c: string }>())[0]?.c ?? 0)
    await expect.poll(() => statValue(page, 'stat-clicks'), { timeout: 30_000 }).toBe(String(ownClicks))

    await page.goto(`${platform.config.partnerUrl}/links`)
    const table = page.getByTestId('links-table')
    await table.waitFor()
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText keeps table cells apart
    const text = await table.innerText()
    const shown = new Set([...text.matchAll(/\/r\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]))
    const own = await platform.stores.db
      .selectFrom('links')
      .select('code')
      .where('partner_id', '=', partnerId)
      .execute()
    expect(own.length).toBeGreaterThan(0)
    expect(shown).toEqual(new Set(own.map((l) => l.code)))
    expect(problems).toEqual([])
    await page.close()
  })
})

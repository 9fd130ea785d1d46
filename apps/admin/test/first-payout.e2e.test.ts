import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Booted, bootFresh } from './boot.ts'

/**
 * A new user on a fresh install (no seed) reaches a first paid payout with the admin portal, the
 * tracker's curl calls and the partner portal, in Chromium. After each step the database is read
 * back: what the page said happened must be what the stores hold.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Set to a directory to keep a screenshot of each page at 1440 and 390 px. */
const SHOTS = process.env.E2E_SHOTS

const OWNER = { name: 'Olivia Owner', email: 'owner@acme.example', password: 'correct horse battery' }
const IBAN = 'DE89370400440532013000'

describe('from a fresh install to a first paid payout (Chromium)', () => {
  let app: Booted
  let browser: Browser
  let page: Page
  const problems: string[] = []

  beforeAll(async () => {
    app = await bootFresh()
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1440, height: 1000 },
    })
    page = await context.newPage()
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text())
    })
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  const db = () => app.stores.db
  async function shot(name: string) {
    if (!SHOTS) return
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 1000 })
      await page.waitForTimeout(300)
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true })
    }
    await page.setViewportSize({ width: 1440, height: 1000 })
  }
  /** Clicks the confirming button of the open dialog (optionally typing a reason first). */
  async function confirm(label: RegExp | string, reason?: string) {
    const dialog = page.locator('dialog[open]')
    if (reason !== undefined) await dialog.getByLabel(/Reason/).fill(reason)
    await dialog.getByRole('button', { name: label }).click()
  }

  let programId = ''
  let partnerId = ''
  let token = ''

  it('sets up the owner, then creates a program', async () => {
    await page.goto(`${app.adminUrl}/`)
    await page.getByRole('heading', { name: 'Set up Tandem' }).waitFor()
    await page.getByLabel('Your name').fill(OWNER.name)
    await page.getByLabel('Email').fill(OWNER.email)
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password)
    await page.getByLabel('Password again').fill(OWNER.password)
    await page.getByRole('button', { name: 'Create owner account' }).click()
    await page.waitForURL(/\/programs\/new$/)
    const owner = await db()
      .selectFrom('users')
      .select(['admin_role'])
      .where('email', '=', OWNER.email)
      .executeTakeFirst()
    expect(owner).toEqual({ admin_role: 'owner' })

    await page.getByLabel('Name', { exact: true }).fill('Acme Shop')
    await page.getByLabel('Slug').fill('acme-shop')
    await page.getByLabel('Allowed domains').fill('acme.example')
    await page.getByLabel('Default landing page').fill('https://elsewhere.example/')
    await page.getByLabel(/Payout threshold/).fill('10.00')
    await page.getByRole('button', { name: 'Create program' }).click()
    // The service's refusal lands under its field.
    await expect.poll(() => page.getByText(/is not one of the program's allowed domains/).count()).toBe(1)
    await page.getByLabel('Default landing page').fill('https://acme.example/')
    await page.getByRole('button', { name: 'Create program' }).click()
    await page.waitForURL(/\/programs\/[0-9a-f-]{36}\/rules/)
    const program = await db()
      .selectFrom('programs')
      .select(['id', 'currency', 'payout_threshold_minor', 'allowed_domains'])
      .where('slug', '=', 'acme-shop')
      .executeTakeFirstOrThrow()
    expect(program).toMatchObject({ payout_threshold_minor: 1000, allowed_domains: ['acme.example'] })
    programId = program.id
  })

  it('writes a percentage rule (core checks it as it is typed) and publishes it as version 1', async () => {
    const rule = page.getByTestId('rule-0')
    await rule.getByLabel('Name').fill('Revenue share 10%')
    await rule.getByLabel('Rate (%)').fill('-3')
    await expect.poll(() => page.getByTestId('rule-0-problems').count(), { timeout: 10_000 }).toBe(1)
    await rule.getByLabel('Rate (%)').fill('10')
    await expect
      .poll(() => page.getByTestId('rule-check').getAttribute('data-problems'), { timeout: 10_000 })
      .toBe('0')
    await page.getByLabel('Note for this version').fill('Launch')
    await shot('rules')
    await page.getByRole('button', { name: 'Publish as a new version' }).click()
    await page.getByText('Published version 1').waitFor()
    const versions = await db()
      .selectFrom('rule_set_versions')
      .select(['version', 'rules', 'note'])
      .where('program_id', '=', programId)
      .execute()
    expect(versions).toHaveLength(1)
    expect(versions[0]).toMatchObject({ version: 1, note: 'Launch' })
    expect(versions[0]?.rules[0]).toMatchObject({
      kind: 'percentage',
      name: 'Revenue share 10%',
      rate: { percent: '10' },
    })
  })

  it('adds a partner with a link and a payout method, then simulates an order for them', async () => {
    await page.goto(`${app.adminUrl}/partners/new`)
    await page.getByLabel('Name').fill('Ada Lovelace')
    await page.getByLabel('Email').fill('ada@partners.example')
    await page.getByLabel(/Acme Shop/).check()
    await page.getByRole('button', { name: 'Add partner' }).click()
    await page.waitForURL(/\/partners\/[0-9a-f-]{36}/)
    partnerId = new URL(page.url()).pathname.split('/')[2] ?? ''
    const enrollment = await db()
      .selectFrom('program_enrollments')
      .select('status')
      .where('partner_id', '=', partnerId)
      .executeTakeFirstOrThrow()
    expect(enrollment.status).toBe('approved')

    const links = page.getByRole('form', { name: 'New link' })
    await links.getByLabel('Destination').fill('https://evil.example/')
    await links.getByRole('button', { name: 'Create link' }).click()
    await expect.poll(() => links.getByText(/not one of the program's domains/).count()).toBe(1)
    await links.getByLabel('Destination').fill('https://acme.example/shoes')
    await links.getByLabel('Code').fill('ada-shoes')
    await links.getByRole('button', { name: 'Create link' }).click()
    await page.getByTestId('partner-links').getByText('ada-shoes').waitFor()
    const link = await db()
      .selectFrom('links')
      .select(['code', 'destination_url'])
      .where('partner_id', '=', partnerId)
      .execute()
    expect(link).toEqual([{ code: 'ada-shoes', destination_url: 'https://acme.example/shoes' }])

    const payout = page.getByRole('form', { name: 'Payout method' })
    await payout.getByLabel('IBAN').fill('DE00 0000 0000 0000 0000 00')
    await payout.getByRole('button', { name: 'Save payout method' }).click()
    await expect.poll(() => payout.getByText(/check digits|IBAN/i).count()).toBeGreaterThan(0)
    await payout.getByLabel('IBAN').fill(IBAN)
    await payout.getByRole('button', { name: 'Save payout method' }).click()
    await payout.getByText('Saved.').waitFor()
    const details = await db()
      .selectFrom('partners')
      .select(['payout_method', 'payout_details'])
      .where('id', '=', partnerId)
      .executeTakeFirstOrThrow()
    expect(details).toMatchObject({ payout_method: 'bank_transfer', payout_details: { iban: IBAN } })
    await shot('partner')

    await page.goto(`${app.adminUrl}/programs/${programId}/rules`)
    const simulator = page.getByRole('form', { name: 'Simulate an order' })
    await simulator.getByLabel('Price with').selectOption('in_force')
    await simulator.getByLabel(/Order total/).fill('120.00')
    await simulator.getByLabel(/Tax/).fill('0')
    await simulator.getByRole('button', { name: 'Add a click' }).click()
    await simulator.getByRole('button', { name: 'Simulate' }).click()
    await expect.poll(() => page.getByTestId('simulation').getAttribute('data-total')).toBe('EUR:1200')
    await expect(page.getByTestId('simulation').textContent()).resolves.toMatch(/Revenue share 10%/)
    await shot('simulator')
    const written = await db()
      .selectFrom('conversions')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
    expect(written.n).toBe(0)
  })

  it('copies the postback token from the integration tab; a click and a postback at the tracker make a pending conversion', async () => {
    await page.goto(`${app.adminUrl}/programs/${programId}/integration`)
    token = (await page.getByTestId('postback-token').getAttribute('data-value')) ?? ''
    expect(token).toMatch(/^tok_/)
    await expect(page.getByTestId('postback-url').textContent()).resolves.toContain(
      `token=${encodeURIComponent(token)}`,
    )
    await shot('integration')

    const click = await fetch(`${app.trackerUrl}/r/ada-shoes`, {
      redirect: 'manual',
      headers: { 'user-agent': 'Mozilla/5.0 (e2e)' },
    })
    expect(click.status).toBe(302)
    const landing = new URL(click.headers.get('location') ?? '')
    expect(landing.origin + landing.pathname).toBe('https://acme.example/shoes')
    const tclid = landing.searchParams.get('tclid') ?? ''
    // What the integration tab's postback URL template says, filled in.
    const postback = await fetch(
      `${app.trackerUrl}/postback?token=${encodeURIComponent(token)}&tclid=${tclid}&order_id=A-1001&amount=120.00&currency=EUR`,
    )
    expect(postback.status).toBeLessThan(300)
    const conversion = await db()
      .selectFrom('conversions')
      .select(['id', 'status', 'partner_id', 'amount_minor'])
      .where('order_id', '=', 'A-1001')
      .executeTakeFirstOrThrow()
    expect(conversion).toMatchObject({ status: 'pending', partner_id: partnerId, amount_minor: 12_000 })
    const rows = await db()
      .selectFrom('commissions')
      .select(['amount_minor', 'status'])
      .where('conversion_id', '=', conversion.id)
      .execute()
    expect(rows).toEqual([{ amount_minor: 1_200, status: 'pending' }])
  })

  it('approves the conversion from the review queue', async () => {
    await page.goto(`${app.adminUrl}/conversions?status=pending&range=7d`)
    await page.getByRole('button', { name: 'Approve order A-1001' }).click()
    await expect
      .poll(
        async () =>
          (
            await db()
              .selectFrom('conversions')
              .select('status')
              .where('order_id', '=', 'A-1001')
              .executeTakeFirstOrThrow()
          ).status,
      )
      .toBe('approved')
    const rows = await db()
      .selectFrom('commissions')
      .select('status')
      .where('partner_id', '=', partnerId)
      .execute()
    expect(rows).toEqual([{ status: 'approved' }])
    // Decided conversions leave the pending queue; the full list still has it.
    await expect.poll(() => page.getByRole('button', { name: 'Approve order A-1001' }).count()).toBe(0)
    await page.goto(`${app.adminUrl}/conversions?range=7d`)
    await page.getByRole('link', { name: 'A-1001' }).click()
    await page.getByTestId('attribution-explanation').waitFor()
    await expect(page.getByTestId('ledger-rows').textContent()).resolves.toMatch(/12\.00/)
    await shot('conversion')
  })

  it('creates a payout batch, exports the CSV and the SEPA XML, and marks it paid', async () => {
    await page.goto(`${app.adminUrl}/payouts`)
    await page.getByTestId('payouts-due').getByText('Ada Lovelace').waitFor()
    await shot('payouts')
    await page.getByRole('button', { name: 'Create batch' }).click()
    await confirm('Create batch')
    await page.waitForURL(/\/payouts\/[0-9a-f-]{36}$/)
    const batchId = new URL(page.url()).pathname.split('/')[2] ?? ''
    const payouts = await db()
      .selectFrom('payouts')
      .select(['id', 'amount_minor', 'status', 'method'])
      .where('batch_id', '=', batchId)
      .execute()
    expect(payouts).toMatchObject([{ amount_minor: 1_200, status: 'pending', method: 'bank_transfer' }])

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ])
    const csv = readFileSync((await csvDownload.path()) ?? '', 'utf8')
      .trim()
      .split('\r\n')
    expect(csv[0]).toBe(
      'payout_id,partner_id,partner_name,partner_email,amount,fee,currency,method,account,status',
    )
    expect(csv.slice(1)).toEqual([
      `${payouts[0]?.id},${partnerId},Ada Lovelace,ada@partners.example,12.00,0.00,EUR,bank_transfer,${IBAN},pending`,
    ])

    await page.getByLabel('Your company (account holder)').fill('Acme Shop GmbH')
    await page.getByLabel('Your IBAN').fill('DE02 1203 0000 0000 2020 51')
    await page.getByLabel('Execution date').fill('2030-01-15')
    const [sepaDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download SEPA XML' }).click(),
    ])
    const xml = readFileSync((await sepaDownload.path()) ?? '', 'utf8')
    expect(xml).toContain('xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"')
    expect(xml).toMatch(/<NbOfTxs>1<\/NbOfTxs>\s*<CtrlSum>12\.00<\/CtrlSum>/)
    expect(xml).toContain('<ReqdExctnDt>2030-01-15</ReqdExctnDt>')
    expect(xml).toContain('<IBAN>DE02120300000000202051</IBAN>')
    expect(xml).toContain(`<IBAN>${IBAN}</IBAN>`)
    expect(xml).toContain('<InstdAmt Ccy="EUR">12.00</InstdAmt>')
    expect(xml).toContain('<Nm>Ada Lovelace</Nm>')
    await shot('batch')

    await page.getByRole('button', { name: 'Mark batch paid' }).click()
    await confirm('Mark paid', 'BANK-2030-01')
    await page.getByText('Batch marked paid.').waitFor()
    const paid = await db()
      .selectFrom('payouts')
      .select(['status', 'reference'])
      .where('batch_id', '=', batchId)
      .execute()
    expect(paid).toEqual([{ status: 'paid', reference: 'BANK-2030-01' }])
    const batch = await db()
      .selectFrom('payout_batches')
      .select('status')
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow()
    expect(batch.status).toBe('paid')
    // Paid once: the page offers nothing more to pay.
    await expect(page.getByRole('button', { name: 'Mark batch paid' }).count()).resolves.toBe(0)
  })

  it('reports the click and the sale by partner from ClickHouse, and exports what is on screen as CSV', async () => {
    await expect
      .poll(
        async () => {
          await page.goto(`${app.adminUrl}/reports?by=partner&range=7d`)
          const row = page.getByTestId('report-table').locator(`tr[data-row-key="${partnerId}"]`)
          await row.waitFor({ timeout: 5_000 }).catch(() => {})
          if ((await row.count()) === 0) return ''
          return [
            await row.locator('[data-column="clicks"]').textContent(),
            await row.locator('[data-column="conversions"]').textContent(),
          ].join('|')
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe('1|1')
    await page.getByText('Columns').click()
    await page.getByLabel('Refunds').uncheck()
    await shot('reports')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    const csv = readFileSync((await download.path()) ?? '', 'utf8')
      .trim()
      .split('\r\n')
    expect(csv[0]).toBe(
      'partner,key,clicks,unique_clicks,conversions,conversion_rate,revenue,commission,epc,currency',
    )
    expect(csv[1]).toBe(`Ada Lovelace,${partnerId},1,1,1,1.0000,120.00,12.00,12.00,EUR`)
  })

  it('shows the partner their paid balance in the partner portal, after they accept the invitation', async () => {
    await page.goto(`${app.adminUrl}/partners/${partnerId}`)
    await page.getByRole('button', { name: 'Invite to the portal' }).click()
    const invite = page.getByTestId('invite-link')
    await invite.waitFor()
    const url = (await invite.locator('code').textContent()) ?? ''
    expect(url.startsWith(`${app.partnerUrl}/invite/`)).toBe(true)

    const partnerPage = await browser.newPage()
    partnerPage.on('pageerror', (error) => problems.push(`partner portal: ${error.message}`))
    await partnerPage.goto(url)
    await partnerPage.getByLabel('Password', { exact: true }).fill('ada lovelace pw 1')
    await partnerPage.getByLabel('Repeat the password').fill('ada lovelace pw 1')
    await partnerPage.getByRole('button', { name: /Set password/ }).click()
    await expect
      .poll(
        () => partnerPage.getByTestId('stat-earnings-paid').getAttribute('data-value', { timeout: 30_000 }),
        { timeout: 30_000 },
      )
      .toBe('EUR:1200')
    await partnerPage.close()
    expect(problems).toEqual([])
  })
})

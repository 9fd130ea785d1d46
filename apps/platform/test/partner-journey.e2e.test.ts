import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { approveDueConversions, createPayoutBatch, markBatchPaid, systemContext } from '@tandem/services'
import { startSmtpCatcher } from '@tandem/services/testing/smtp'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createShopProgram, type PartnerStack, startPartnerStack } from './partner-stack.ts'

/**
 * A new partner's first day, in Chromium against the embedded stack: apply on the program's public
 * page, get approved by a manager (the admin procedure, over HTTP), set a password from the link
 * emailed through a real SMTP server, build a deep link with sub-ids, click it through the
 * tracker, see the click in the per-link stats, and see a sale pending with its hold date.
 * Each step is checked in the database too.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

describe('a new partner, end to end (Chromium)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
  let stack: PartnerStack
  let browser: Browser
  let page: Page
  let programId: string
  const problems: string[] = []
  const email = 'nia.new@partners.test'

  beforeAll(async () => {
    smtp = await startSmtpCatcher()
    stack = await startPartnerStack({ SMTP_URL: smtp.url, MAIL_FROM: 'Northwind <partners@northwind.test>' })
    programId = (await createShopProgram(stack.stores)).id
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`))
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    await stack?.close()
    await smtp?.close()
  })

  const db = () => stack.stores.db

  /** A manager's call to the admin portal's tRPC, as its SPA makes it. */
  async function adminCall(path: string, input: unknown): Promise<unknown> {
    const login = await fetch(`${stack.adminUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stack.admin),
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const res = await fetch(`${stack.adminUrl}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(input),
    })
    expect(res.status).toBe(200)
    return ((await res.json()) as { result: { data: unknown } }).result.data
  }

  it('applies on the public page, is approved, and sets a password from the emailed link', async () => {
    await page.goto(`${stack.partnerUrl}/join/northwind-shop`)
    await expect.poll(() => page.getByTestId('join-commissions').textContent()).toContain('10% of each sale')
    await page.getByLabel('Your name').fill('Nia New')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Country').selectOption('DE')
    await page.getByLabel(/Website or channel/).fill('https://nia-cooks.example')
    await page.getByLabel(/I accept/).check()
    await page.getByRole('button', { name: 'Apply' }).click()
    await page.getByTestId('application-sent').waitFor()

    const partner = await db()
      .selectFrom('partners')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    expect(partner).toMatchObject({ name: 'Nia New', country: 'DE', type: 'affiliate' })
    const enrollment = await db()
      .selectFrom('program_enrollments')
      .selectAll()
      .where('partner_id', '=', partner.id)
      .executeTakeFirstOrThrow()
    expect(enrollment.status).toBe('pending')
    const received = await smtp.waitFor(
      (m) => m.to.includes(email) && /received your application/.test(m.subject),
    )
    expect(received.text).toContain('Northwind Shop')

    await adminCall('partners.setEnrollmentStatus', { programId, partnerId: partner.id, status: 'approved' })
    const welcome = await smtp.waitFor(
      (m) => m.to.includes(email) && /Welcome to Northwind Shop/.test(m.subject),
    )
    const link = welcome.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/)?.[0]
    expect(link?.startsWith(stack.partnerUrl)).toBe(true)

    await page.goto(link ?? '')
    await expect.poll(() => page.getByTestId('invite-email').textContent()).toBe(email)
    await page.getByLabel('Password', { exact: true }).fill('nia passphrase 2026')
    await page.getByLabel('Repeat the password').fill('nia passphrase 2026')
    await page.getByRole('button', { name: /Set password/ }).click()
    await page.waitForURL((u) => u.pathname === '/')
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Nia New')
    const user = await db()
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    expect(user).toMatchObject({ kind: 'partner', partner_id: partner.id })
    const sent = await db()
      .selectFrom('emails')
      .select(['template', 'status', 'secret'])
      .where('to_address', '=', email)
      .execute()
    expect(sent.map((e) => e.template).sort()).toEqual(['application_approved', 'application_received'])
    expect(sent.every((e) => e.status === 'sent' && e.secret === null)).toBe(true)
  })

  let clickId = ''
  let linkId = 0

  it('builds a deep link with sub-ids, clicks it through the tracker and sees the click in its stats', async () => {
    await page.goto(`${stack.partnerUrl}/links/new`)
    await page.getByLabel('Page to link to').fill('https://blog.shop.example/recipes/cold-brew')
    await page.getByLabel(/Custom alias/).fill('nia-cold-brew')
    await page.getByLabel('Sub-id 1').fill('instagram')
    await page.getByLabel('Sub-id 2').fill('story-7')
    await page.getByLabel('utm_campaign').fill('summer')
    await page.getByRole('button', { name: 'Create link' }).click()
    const url = (await page.getByTestId('created-url').textContent()) ?? ''
    expect(url).toBe(`${stack.trackerUrl}/r/nia-cold-brew?sub1=instagram&sub2=story-7&utm_campaign=summer`)
    await page.getByTestId('qr-code').locator('img').waitFor()

    const row = await db()
      .selectFrom('links')
      .selectAll()
      .where('code', '=', 'nia-cold-brew')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      destination_url: 'https://blog.shop.example/recipes/cold-brew',
      params: { sub1: 'instagram', sub2: 'story-7', utm_campaign: 'summer' },
    })
    linkId = row.id

    const res = await fetch(url, {
      redirect: 'manual',
      headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux) Chrome/120' },
    })
    expect(res.status).toBe(302)
    const landing = new URL(res.headers.get('location') ?? '')
    expect(`${landing.origin}${landing.pathname}`).toBe('https://blog.shop.example/recipes/cold-brew')
    expect(landing.searchParams.get('utm_campaign')).toBe('summer')
    clickId = landing.searchParams.get('tclid') ?? ''
    expect(clickId).toMatch(/^[A-Za-z0-9_-]{30,60}$/)

    await expect
      .poll(
        async () => {
          await page.goto(`${stack.partnerUrl}/links/${linkId}`)
          return page.getByTestId('link-stat-clicks').getAttribute('data-value', { timeout: 15_000 })
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe('1')
    const bySub = page.getByTestId('subid-stats')
    await expect
      .poll(() => bySub.locator('tr[data-row-key="instagram"] td[data-column="clicks"]').textContent())
      .toBe('1')
    await page.getByTestId('subid-select').selectOption('sub2')
    await expect
      .poll(() => bySub.locator('tr[data-row-key="story-7"] td[data-column="clicks"]').textContent())
      .toBe('1')
  })

  it('sees a sale through that click pending, with the date its hold ends', async () => {
    const token = (
      await db()
        .selectFrom('programs')
        .select('postback_token')
        .where('id', '=', programId)
        .executeTakeFirstOrThrow()
    ).postback_token
    const pb = await fetch(
      `${stack.trackerUrl}/postback?token=${token}&order_id=NW-1001&amount=80.00&currency=EUR&tclid=${clickId}`,
    )
    expect(pb.status).toBe(200)
    const conversion = await db()
      .selectFrom('conversions')
      .selectAll()
      .where('order_id', '=', 'NW-1001')
      .executeTakeFirstOrThrow()
    expect(conversion.status).toBe('pending')
    expect(conversion.hold_until).not.toBeNull()

    await page.goto(`${stack.partnerUrl}/earnings`)
    const row = page.locator(`li[data-row-key="${conversion.id}"]`)
    const holdDate = await page.evaluate(
      (iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso)),
      conversion.hold_until!.toISOString(),
    )
    await expect
      .poll(() => row.getByTestId('earning-why').textContent())
      .toBe(`On hold until ${holdDate} (the program's 30-day return window)`)
    await expect.poll(() => row.getByTestId('earning-commission').textContent()).toMatch(/8\.00/)
    await row.getByText('How this was calculated').click()
    const details = (await row.locator('.timeline').textContent()) ?? ''
    expect(details).toContain("10% revenue share from rule 'Sales', on 80.00 EUR")
    // Partner-safe: no internal ids (their own partner id, click ids) in what they read.
    expect(details).not.toContain(conversion.partner_id ?? '-')
    expect(details).not.toContain(clickId)

    await page.goto(`${stack.partnerUrl}/links/${linkId}`)
    await expect.poll(() => page.getByTestId('link-stat-conversions').getAttribute('data-value')).toBe('1')
    expect(problems).toEqual([])
  })

  it('sets PayPal details and a postback with a test send, then sees a payout and its statement', async () => {
    // The partner's own postback receiver.
    const hits: string[] = []
    const receiver = createServer((req: IncomingMessage, res) => {
      hits.push(req.url ?? '')
      res.end('ok')
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const port = (receiver.address() as AddressInfo).port
    try {
      await page.goto(`${stack.partnerUrl}/settings`)
      const payout = page.getByTestId('payout-form')
      await payout.getByLabel('PayPal', { exact: true }).check()
      await payout.getByLabel('PayPal email').fill('nia.paypal@example.com')
      await payout.getByRole('button', { name: 'Save payout method' }).click()
      await payout.getByTestId('saved').waitFor()
      const partner = await db()
        .selectFrom('partners')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
      expect(partner).toMatchObject({
        payout_method: 'paypal',
        payout_details: { email: 'nia.paypal@example.com' },
        payout_currency: 'EUR',
      })

      const postback = page.getByTestId('postback-form')
      await postback
        .getByLabel('URL template')
        .fill(`http://127.0.0.1:${port}/pb?cid={click_id}&amount={amount}&s1={sub1}`)
      await postback.getByRole('button', { name: 'Save postback' }).click()
      await expect.poll(() => postback.getByRole('button', { name: 'Send test' }).isEnabled()).toBe(true)
      await postback.getByRole('button', { name: 'Send test' }).click()
      await expect.poll(() => page.getByTestId('postback-test-result').textContent()).toBe('Test delivered')
      expect(hits).toEqual(['/pb?cid=TEST-CLICK-ID&amount=12.34&s1=test-sub1'])
      await expect.poll(() => page.getByTestId('postback-deliveries').locator('tbody tr').count()).toBe(1)
    } finally {
      receiver.close()
    }

    // The manager's side: the hold ends, payouts are planned and paid (the same services the admin procedures call).
    const manager = systemContext(stack.stores.db)
    await approveDueConversions(stack.stores.db, new Date(Date.now() + 31 * 86_400_000), {
      holdOverrideSeconds: null,
    })
    await stack.stores.db
      .updateTable('programs')
      .set({ payout_threshold_minor: 500 })
      .where('id', '=', programId)
      .execute()
    const batch = await createPayoutBatch(manager, { programId })
    expect(batch.batchId).not.toBeNull()
    await markBatchPaid(manager, { batchId: batch.batchId!, reference: 'PP-2026-001' })

    await page.goto(`${stack.partnerUrl}/payouts`)
    await expect.poll(() => page.getByTestId('balance-paid').getAttribute('data-value')).toBe('EUR:800')
    const row = page.getByTestId('payouts-table').locator('tbody tr').first()
    await row.getByRole('link').click()
    await expect.poll(() => page.getByTestId('payout-lines').textContent()).toContain('NW-1001')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('statement-pdf').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^statement-payout-[0-9a-f]{8}\.pdf$/)
    const path = await download.path()
    const { readFileSync } = await import('node:fs')
    const pdf = readFileSync(path)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const paid = await db()
      .selectFrom('payouts')
      .innerJoin('partners', 'partners.id', 'payouts.partner_id')
      .select(['payouts.status', 'payouts.amount_minor', 'payouts.method', 'payouts.reference'])
      .where('partners.email', '=', email)
      .execute()
    expect(paid).toEqual([{ status: 'paid', amount_minor: 800, method: 'paypal', reference: 'PP-2026-001' }])
    expect(problems).toEqual([])
  })
})

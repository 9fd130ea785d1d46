import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Booted, bootFresh } from './boot.ts'

/**
 * Applications and the review queue in Chromium: a pending partner rejected with a reason, the
 * rejection undone, then approved; sales rejected in bulk with a reason, one approved from its
 * page and partly refunded by hand. The database is read after each click.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const SHOTS = process.env.E2E_SHOTS

describe('applications and the review queue (Chromium)', () => {
  let app: Booted
  let browser: Browser
  let page: Page
  let programId = ''
  let partnerId = ''
  let token = ''

  beforeAll(async () => {
    app = await bootFresh()
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    })
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    await page.goto(`${app.adminUrl}/`)
    await page.getByLabel('Your name').fill('Olivia Owner')
    await page.getByLabel('Email').fill('owner@acme.example')
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery')
    await page.getByLabel('Password again').fill('correct horse battery')
    await page.getByRole('button', { name: 'Create owner account' }).click()
    await page.waitForURL(/\/programs\/new$/)
    await page.getByLabel('Name', { exact: true }).fill('Acme Shop')
    await page.getByLabel('Slug').fill('acme-shop')
    await page.getByLabel('Allowed domains').fill('acme.example')
    await page.getByLabel('Default landing page').fill('https://acme.example/')
    await page.getByRole('button', { name: 'Create program' }).click()
    await page.waitForURL(/\/programs\/[0-9a-f-]{36}\/rules/)
    programId = new URL(page.url()).pathname.split('/')[2] ?? ''
    await page.locator('[data-testid="rule-check"][data-problems="0"]').waitFor()
    await page.getByRole('button', { name: 'Publish as a new version' }).click()
    await page.getByText('Published version 1').waitFor()
    const program = await app.stores.db
      .selectFrom('programs')
      .select('postback_token')
      .where('id', '=', programId)
      .executeTakeFirstOrThrow()
    token = program.postback_token
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  const enrollment = async () =>
    (
      await app.stores.db
        .selectFrom('program_enrollments')
        .select('status')
        .where('partner_id', '=', partnerId)
        .executeTakeFirstOrThrow()
    ).status

  it('rejects an application with a reason, undoes it, then approves it', async () => {
    await page.goto(`${app.adminUrl}/partners/new`)
    await page.getByLabel('Name').fill('Ada Lovelace')
    await page.getByLabel('Email').fill('ada@partners.example')
    await page.getByLabel(/Acme Shop/).check()
    await page.getByLabel('Enroll as').selectOption('pending')
    await page.getByRole('button', { name: 'Add partner' }).click()
    await page.waitForURL(/\/partners\/[0-9a-f-]{36}/)
    partnerId = new URL(page.url()).pathname.split('/')[2] ?? ''

    await page.goto(`${app.adminUrl}/partners`)
    await page.getByRole('button', { name: 'Applications queue' }).click()
    await page.getByRole('heading', { name: 'Applications' }).waitFor()
    await page.getByRole('button', { name: 'Reject Ada Lovelace in Acme Shop' }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.getByLabel(/Reason/).fill('No website yet')
    await dialog.getByRole('button', { name: 'Reject' }).click()
    await expect.poll(enrollment).toBe('rejected')
    const audit = await app.stores.db
      .selectFrom('audit_log')
      .select(['data', 'actor_type'])
      .where('action', '=', 'enrollment.set_status')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      actor_type: 'user',
      data: { from: 'pending', to: 'rejected', reason: 'No website yet' },
    })

    await page.goto(`${app.adminUrl}/partners/${partnerId}`)
    await page
      .getByTestId('partner-enrollments')
      .getByRole('button', { name: 'Approve Ada Lovelace in Acme Shop' })
      .click()
    await expect.poll(enrollment).toBe('approved')
    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(enrollment).toBe('rejected')
    await page
      .getByTestId('partner-enrollments')
      .getByRole('button', { name: 'Approve Ada Lovelace in Acme Shop' })
      .click()
    await expect.poll(enrollment).toBe('approved')
    await page.getByTestId('partner-audit').getByText('Reason: No website yet').waitFor()
  })

  it('rejects two sales in bulk with a reason, approves one from its page and refunds part of it', async () => {
    const coupons = page.getByRole('form', { name: 'New coupon' })
    await coupons.getByLabel('Coupon code').fill('ADA10')
    await coupons.getByRole('button', { name: 'Create coupon' }).click()
    await page.getByTestId('partner-coupons').getByText('ADA10').waitFor()
    for (const order of ['B-1', 'B-2', 'B-3']) {
      const res = await fetch(
        `${app.trackerUrl}/postback?token=${encodeURIComponent(token)}&coupon=ADA10&order_id=${order}&amount=100.00`,
      )
      expect(res.status).toBeLessThan(300)
    }
    await page.goto(`${app.adminUrl}/conversions?status=pending&range=7d`)
    await page.getByLabel('Select order B-1').check()
    await page.getByLabel('Select order B-2').check()
    await page.getByRole('button', { name: 'Reject selected' }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.getByLabel(/Reason/).fill('Test orders')
    await dialog.getByRole('button', { name: 'Reject' }).click()
    await page.getByText('2 decided.').waitFor()
    const statuses = await app.stores.db
      .selectFrom('conversions')
      .select(['order_id', 'status'])
      .orderBy('order_id')
      .execute()
    expect(statuses).toEqual([
      { order_id: 'B-1', status: 'rejected' },
      { order_id: 'B-2', status: 'rejected' },
      { order_id: 'B-3', status: 'pending' },
    ])
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/queue-1440.png`, fullPage: true })

    await page.getByRole('link', { name: 'B-3' }).click()
    await page.getByRole('button', { name: 'Approve', exact: true }).click()
    await expect
      .poll(
        async () =>
          (
            await app.stores.db
              .selectFrom('conversions')
              .select('status')
              .where('order_id', '=', 'B-3')
              .executeTakeFirstOrThrow()
          ).status,
      )
      .toBe('approved')
    await page.getByLabel('Amount (EUR)').fill('30.00')
    await page.getByRole('button', { name: 'Record refund' }).click()
    await page.getByText('Refund recorded.').waitFor()
    const conversion = await app.stores.db
      .selectFrom('conversions')
      .select(['id', 'refunded_minor', 'status'])
      .where('order_id', '=', 'B-3')
      .executeTakeFirstOrThrow()
    expect(conversion).toMatchObject({ refunded_minor: 3_000, status: 'approved' })
    const rows = await app.stores.db
      .selectFrom('commissions')
      .select(['kind', 'amount_minor'])
      .where('conversion_id', '=', conversion.id)
      .orderBy('created_at')
      .execute()
    expect(rows).toEqual([
      { kind: 'commission', amount_minor: 1_000 },
      { kind: 'reversal', amount_minor: -300 },
    ])
    await expect.poll(() => page.getByTestId('ledger-rows').locator('tr[data-row-key]').count()).toBe(2)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/refund-1440.png`, fullPage: true })
  })
})

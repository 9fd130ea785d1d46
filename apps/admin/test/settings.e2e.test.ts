import { createHash } from 'node:crypto'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Booted, bootFresh } from './boot.ts'

/** Settings in Chromium: the team (owner-only changes), API keys, webhooks and the audit log. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const SHOTS = process.env.E2E_SHOTS

describe('settings (Chromium)', () => {
  let app: Booted
  let browser: Browser
  let page: Page
  let programId = ''

  beforeAll(async () => {
    app = await bootFresh()
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    })
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    // The owner and a program, the way a new user makes them.
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
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  async function shot(name: string) {
    if (!SHOTS) return
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width < 500 ? 844 : 1000 })
      await page.waitForTimeout(300)
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true })
    }
    await page.setViewportSize({ width: 1440, height: 1000 })
  }

  it('invites a viewer with a link; they join and see no way to change anything', async () => {
    await page.goto(`${app.adminUrl}/settings`)
    const form = page.getByRole('form', { name: 'Invite a team member' })
    await form.getByLabel('Name').fill('Vic Viewer')
    await form.getByLabel('Email').fill('vic@acme.example')
    await form.getByLabel('Role').selectOption('viewer')
    await form.getByRole('button', { name: 'Create invitation link' }).click()
    const link = (await page.getByTestId('team-invite-link').locator('code').textContent()) ?? ''
    expect(link).toContain('/invite/')
    await shot('settings-team')

    const vic = await browser.newPage()
    await vic.goto(link)
    await vic.getByLabel('Password', { exact: true }).fill('vic password 1')
    await vic.getByLabel('Password again').fill('vic password 1')
    await vic.getByRole('button', { name: /Set password/ }).click()
    await vic.waitForURL((u) => u.pathname === '/')
    const user = await app.stores.db
      .selectFrom('users')
      .select(['admin_role'])
      .where('email', '=', 'vic@acme.example')
      .executeTakeFirstOrThrow()
    expect(user.admin_role).toBe('viewer')
    await vic.goto(`${app.adminUrl}/programs`)
    await vic.getByTestId('programs-table').waitFor()
    expect(await vic.getByRole('link', { name: 'New program' }).count()).toBe(0)
    await vic.goto(`${app.adminUrl}/settings`)
    await vic.getByTestId('team').waitFor()
    expect(await vic.getByRole('form', { name: 'Invite a team member' }).count()).toBe(0)
    await vic.close()
  })

  it('creates an API key shown once (only its hash is stored) and revokes it', async () => {
    await page.goto(`${app.adminUrl}/settings/api-keys?program=${programId}`)
    const form = page.getByRole('form', { name: 'New API key' })
    await form.getByLabel('Name').fill('Shop backend')
    await form.getByRole('button', { name: 'Create key' }).click()
    const key = (await page.getByTestId('new-api-key').locator('code').textContent()) ?? ''
    const row = await app.stores.db
      .selectFrom('api_keys')
      .select(['key_hash', 'name', 'scopes'])
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ name: 'Shop backend', scopes: ['conversions:write', 'refunds:write'] })
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'))
    await shot('settings-api-keys')
    await page.getByRole('button', { name: 'Revoke' }).click()
    await page.locator('dialog[open]').getByRole('button', { name: 'Revoke' }).click()
    await expect
      .poll(
        async () =>
          (await app.stores.db.selectFrom('api_keys').select('revoked_at').executeTakeFirstOrThrow())
            .revoked_at,
      )
      .not.toBeNull()
  })

  it('adds a webhook endpoint and queues a test send; the audit log lists what happened', async () => {
    await page.goto(`${app.adminUrl}/settings/webhooks?program=${programId}`)
    const form = page.getByRole('form', { name: 'Add a webhook endpoint' })
    await form.getByLabel('URL').fill('not a url')
    await form.getByRole('button', { name: 'Add endpoint' }).click()
    await expect.poll(() => page.getByText(/http\(s\) URL/).count()).toBeGreaterThan(0)
    await form.getByLabel('URL').fill('http://127.0.0.1:9/hooks')
    await form.getByRole('button', { name: 'Add endpoint' }).click()
    await page.getByText('The signing secret, shown once:').waitFor()
    await page.getByRole('button', { name: 'Send test' }).click()
    await page.getByText(/Test event queued/).waitFor()
    const queued = await app.stores.db.selectFrom('outbox').select(['topic']).execute()
    expect(queued).toEqual([{ topic: 'webhook.test' }])
    await page.getByRole('button', { name: 'Deliveries' }).click()
    await shot('settings-webhooks')

    await page.goto(`${app.adminUrl}/settings/audit`)
    const log = page.getByTestId('audit-log')
    await log.getByText('webhook.test_sent').waitFor()
    for (const action of [
      'api_key.revoked',
      'api_key.created',
      'program.created',
      'user.first_owner_created',
    ]) {
      expect(await log.getByText(action, { exact: true }).count(), action).toBe(1)
    }
    await shot('settings-audit')
  })
})

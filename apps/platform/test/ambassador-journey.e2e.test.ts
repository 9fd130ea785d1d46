import {
  acceptInvitation,
  createCoupon,
  createLink,
  createPartner,
  createProgram,
  invitePartnerUser,
  publishRuleSet,
  settleDueReferrals,
  systemContext,
  updateProgram,
} from '@tandem/services'
import { startSmtpCatcher } from '@tandem/services/testing/smtp'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type PartnerStack, startPartnerStack } from './partner-stack.ts'

/**
 * An ambassador in Chromium: invites a friend by email (a real SMTP server in this process), the
 * friend buys with the ambassador's code, the reward shows pending until the hold ends, then
 * issued once the referral job settles it; the dashboard agrees. Checked in the database too.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const DAY = 86_400_000

describe('an ambassador refers a friend, end to end (Chromium)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
  let stack: PartnerStack
  let browser: Browser
  let page: Page
  let programId: string
  let partnerId: string
  const problems: string[] = []
  const friend = 'friend.one@example.com'

  beforeAll(async () => {
    smtp = await startSmtpCatcher()
    stack = await startPartnerStack({ SMTP_URL: smtp.url })
    const ctx = systemContext(stack.stores.db)
    const program = await createProgram(ctx, {
      slug: 'northwind-friends',
      kind: 'referral',
      currency: 'EUR',
      name: 'Northwind Friends',
      allowedDomains: ['shop.example'],
      defaultLandingUrl: 'https://shop.example/',
      holdDays: 14,
      attribution: { lifetimeMonths: 'forever' },
      rewards: {
        currency: 'EUR',
        referrerReward: { type: 'store_credit', amount: { amountMinor: 1500, currency: 'EUR' } },
        friendReward: { type: 'percent_coupon', percentOff: { bps: 1000 } },
        friendRewardTiming: 'on_qualification',
        qualification: { minFirstPurchase: { amountMinor: 2000, currency: 'EUR' }, holdDays: 14 },
        milestones: [
          {
            id: 'bronze',
            name: 'Bronze',
            qualifiedReferrals: 3,
            reward: { type: 'cash', amount: { amountMinor: 2500, currency: 'EUR' } },
          },
        ],
        caps: { maxRewardedReferrals: null, maxRewardValue: null },
      },
    })
    programId = program.id
    await publishRuleSet(ctx, { programId, rules: [], effectiveFrom: new Date(Date.now() - 60_000) })
    await updateProgram(ctx, { programId, leaderboard: true })
    const emma = await createPartner(ctx, {
      type: 'ambassador',
      name: 'Emma Ambassador',
      email: 'emma@customers.test',
      enrollments: [{ programId, status: 'approved' }],
    })
    partnerId = emma.id
    await createLink(ctx, { programId, partnerId, code: 'emma-invites' })
    await createCoupon(ctx, {
      programId,
      partnerId,
      code: 'EMMA10',
      discount: { kind: 'percent', bps: 1000 },
    })
    const invitation = await invitePartnerUser(ctx, { partnerId })
    await acceptInvitation(ctx, { token: invitation.token, password: 'emma passphrase 1' })

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    })
    page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text())
    })
    page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`))
    await page.goto(`${stack.partnerUrl}/login`)
    await page.getByLabel(/email/i).fill('emma@customers.test')
    await page.getByLabel(/password/i).fill('emma passphrase 1')
    await page.getByRole('button', { name: /log in/i }).click()
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  }, 600_000)

  afterAll(async () => {
    await browser?.close()
    await stack?.close()
    await smtp?.close()
  })

  const db = () => stack.stores.db

  it('shows the link and code with share buttons, and invites a friend by email', async () => {
    await page.goto(`${stack.partnerUrl}/refer`)
    await expect
      .poll(() => page.getByTestId('referral-link').textContent())
      .toBe(`${stack.trackerUrl}/r/emma-invites`)
    expect(await page.getByTestId('referral-code').textContent()).toBe('EMMA10')
    const whatsapp = await page
      .getByTestId('share-buttons')
      .getByRole('link', { name: 'WhatsApp' })
      .getAttribute('href')
    expect(decodeURIComponent(whatsapp ?? '')).toContain(
      `Use my code EMMA10. ${stack.trackerUrl}/r/emma-invites`,
    )

    await page.getByLabel("Friend's email").fill(friend)
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await page.getByTestId('invite-sent').waitFor()
    const mail = await smtp.waitFor((m) => m.to.includes(friend))
    expect(mail.subject).toBe('Emma Ambassador invites you to Northwind Friends')
    expect(mail.text).toContain(`${stack.trackerUrl}/r/emma-invites`)
    expect(mail.text).toContain('Use the code EMMA10 at checkout.')
    const rows = await db()
      .selectFrom('friend_invitations')
      .selectAll()
      .where('partner_id', '=', partnerId)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.email_hash).not.toContain('@')

    // The same friend again is refused (one invitation a month).
    await page.getByLabel("Friend's email").fill(friend)
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('was invited recently')
  })

  it('sees the reward pending until the hold ends after the friend buys with the code, then issued', async () => {
    const token = (
      await db()
        .selectFrom('programs')
        .select('postback_token')
        .where('id', '=', programId)
        .executeTakeFirstOrThrow()
    ).postback_token
    const res = await fetch(
      `${stack.trackerUrl}/postback?token=${token}&order_id=F-1001&amount=60.00&currency=EUR&coupon=EMMA10&customer_id=cust-friend-1&email=${encodeURIComponent(friend)}`,
    )
    expect(res.status).toBe(200)
    const customer = await db()
      .selectFrom('customers')
      .selectAll()
      .where('external_id', '=', 'cust-friend-1')
      .executeTakeFirstOrThrow()
    expect(customer.referrer_partner_id).toBe(partnerId)

    // The referral job's sweep (it runs every minute in the worker), now and after the hold.
    await settleDueReferrals(db(), new Date())
    const pending = await db()
      .selectFrom('referral_rewards')
      .selectAll()
      .where('customer_id', '=', customer.id)
      .where('side', '=', 'referrer')
      .execute()
    expect(pending.map((r) => [r.status, r.amount_minor])).toEqual([['pending', 1500]])

    await page.goto(`${stack.partnerUrl}/refer`)
    const status = page.getByTestId('friends-table').getByTestId('friend-status')
    const until = await page.evaluate(
      (iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso)),
      new Date(
        Date.parse(
          (
            await db()
              .selectFrom('conversions')
              .select('occurred_at')
              .where('order_id', '=', 'F-1001')
              .executeTakeFirstOrThrow()
          ).occurred_at.toISOString(),
        ) +
          14 * DAY,
      ).toISOString(),
    )
    await expect.poll(() => status.textContent()).toContain(`Pending until ${until}`)
    expect(await page.getByTestId('friends-table').textContent()).toContain(friend)
    expect(await page.getByTestId('stat-rewards-pending').getAttribute('data-value')).toBe('EUR:1500')

    await settleDueReferrals(db(), new Date(Date.now() + 15 * DAY))
    const issued = await db()
      .selectFrom('referral_rewards')
      .select('status')
      .where('customer_id', '=', customer.id)
      .where('side', '=', 'referrer')
      .execute()
    expect(issued.map((r) => r.status)).toEqual([expect.stringMatching(/^(issued|qualified)$/)])
    await page.reload()
    await expect.poll(() => status.getAttribute('data-state')).toBe('issued')
    expect(await page.getByTestId('stat-rewards-earned').getAttribute('data-value')).toBe('EUR:1500')
    await expect.poll(() => page.getByTestId('leaderboard').textContent()).toContain('1. You · 1 friend')

    // The dashboard tells the same story as the referral page.
    await page.goto(`${stack.partnerUrl}/`)
    await expect
      .poll(() => page.getByTestId('stat-rewards-earned').getAttribute('data-value'))
      .toBe('EUR:1500')
    expect(await page.locator('body').textContent()).not.toContain('No earnings yet')
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')
    expect(overflow).toBe(0)
    expect(problems).toEqual([])
  })
})

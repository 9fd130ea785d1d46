import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyToProgram } from '../partners/applications.ts'
import { setEnrollmentStatus } from '../partners/partners.ts'
import { newPartner, newProgram, tag, testContext } from '../testing/setup.ts'
import { linkIn, startSmtpCatcher } from '../testing/smtp-catcher.ts'
import { acceptInvitation, invitePartnerUser } from '../users/users.ts'
import { mailConfigFromEnv } from './config.ts'
import { sendDueEmails } from './sender.ts'
import { createMailer } from './transport.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>
const urls = {
  from: 'Tandem <no-reply@tandem.test>',
  partnerUrl: 'https://partners.test',
  adminUrl: 'https://admin.test',
}

beforeAll(async () => {
  stores = await openTestStores()
  smtp = await startSmtpCatcher()
})
afterAll(async () => {
  await smtp?.close()
  await stores?.dispose()
})

const emailRow = (id: string) =>
  stores.db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const emailsTo = (to: string) =>
  stores.db.selectFrom('emails').selectAll().where('to_address', '=', to).orderBy('created_at').execute()

describe('the mail path', () => {
  it('an invitation is queued with the change and delivered over SMTP with a working one-time link', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const email = `ada-${tag()}@partners.example`
    const partner = await newPartner(ctx, program.id, { email })
    const invitation = await invitePartnerUser(ctx, { partnerId: partner.id })
    const [queued] = await emailsTo(email)
    expect(queued).toMatchObject({ template: 'partner_invitation', status: 'queued', partner_id: partner.id })
    expect(queued?.secret).toBe(`/invite/${invitation.token}`)

    const mailer = createMailer({ kind: 'smtp', url: smtp.url })
    expect(await sendDueEmails(stores.db, mailer, urls)).toMatchObject({ sent: 1, failed: 0 })
    const message = await smtp.waitFor((m) => m.to.includes(email))
    expect(message.subject).toBe('Your partner portal invitation')
    expect(message.from).toBe('no-reply@tandem.test')
    const link = linkIn(message.text)
    expect(link).toBe(`https://partners.test/invite/${invitation.token}`)
    expect(message.html).toContain(`href="${link}"`)
    // The link in the email is the invitation: it sets the password.
    const token = link.split('/').pop() ?? ''
    await expect(acceptInvitation(ctx, { token, password: 'a long passphrase' })).resolves.toMatchObject({
      kind: 'partner',
    })

    const sent = await emailRow(queued!.id)
    expect(sent).toMatchObject({ status: 'sent', transport: 'smtp', secret: null, attempts: 1 })
    // The log keeps what was sent, but not a link anyone could follow.
    expect(sent.text_body).toContain('Set your password')
    expect(sent.text_body).not.toContain(invitation.token)
    // Sent once: a second pass finds nothing due.
    expect(await sendDueEmails(stores.db, mailer, urls)).toEqual({ sent: 0, failed: 0 })
    mailer.close()
  })

  it('a refused email is retried later, then delivered; it is given up after the last attempt', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const email = `bo-${tag()}@partners.example`
    const partner = await newPartner(ctx, program.id, { email })
    await invitePartnerUser(ctx, { partnerId: partner.id })
    const [queued] = await emailsTo(email)
    const mailer = createMailer({ kind: 'smtp', url: smtp.url })
    smtp.refuse = true
    const now = new Date()
    expect(await sendDueEmails(stores.db, mailer, urls, { now })).toMatchObject({ failed: 1 })
    const failed = await emailRow(queued!.id)
    expect(failed).toMatchObject({ status: 'queued', attempts: 1 })
    expect(failed.last_error).toMatch(/550|Mailbox unavailable/)
    expect(failed.next_attempt_at.getTime()).toBe(now.getTime() + 30_000)
    // Not due yet: nothing happens.
    expect(await sendDueEmails(stores.db, mailer, urls, { now })).toEqual({ sent: 0, failed: 0 })
    smtp.refuse = false
    expect(
      await sendDueEmails(stores.db, mailer, urls, { now: new Date(now.getTime() + 31_000) }),
    ).toMatchObject({
      sent: 1,
    })
    expect(await emailRow(queued!.id)).toMatchObject({ status: 'sent', attempts: 2 })
    await smtp.waitFor((m) => m.to.includes(email))

    // An address the server always refuses is given up after the tenth attempt.
    const other = `cy-${tag()}@partners.example`
    const p2 = await newPartner(ctx, program.id, { email: other })
    await invitePartnerUser(ctx, { partnerId: p2.id })
    const [q2] = await emailsTo(other)
    smtp.refuse = true
    let at = Date.now()
    for (let i = 0; i < 10; i++) {
      await sendDueEmails(stores.db, mailer, urls, { now: new Date(at) })
      at += 5 * 3_600_000
    }
    smtp.refuse = false
    expect(await emailRow(q2!.id)).toMatchObject({ status: 'failed', attempts: 10, secret: null })
    mailer.close()
  })

  it('embedded mode writes each email into the local mail directory and keeps its text whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tandem-mail-'))
    try {
      const config = mailConfigFromEnv({ TANDEM_DATA_DIR: dir, PUBLIC_HOST: 'demo.local' }, 'embedded')
      expect(config.transport).toEqual({ kind: 'directory', dir: `${dir}/mail` })
      expect(config.partnerUrl).toBe('http://demo.local:3001')
      const ctx = testContext(stores.db)
      const program = await newProgram(ctx)
      const email = `di-${tag()}@partners.example`
      const partner = await newPartner(ctx, program.id, { email })
      const invitation = await invitePartnerUser(ctx, { partnerId: partner.id })
      const mailer = createMailer(config.transport)
      const summary = await sendDueEmails(stores.db, mailer, config)
      expect(summary.sent).toBeGreaterThanOrEqual(1)
      const files = readdirSync(`${dir}/mail`).filter((f) => f.endsWith('.eml'))
      const mine = files.map((f) => readFileSync(join(dir, 'mail', f), 'utf8')).find((t) => t.includes(email))
      expect(mine).toContain('Subject: Your partner portal invitation')
      const [row] = await emailsTo(email)
      expect(row).toMatchObject({ status: 'sent', transport: 'directory' })
      expect(row?.text_body).toContain(`http://demo.local:3001/invite/${invitation.token}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('server mode without SMTP_URL sends nowhere, and says why in the log', async () => {
    const config = mailConfigFromEnv({}, 'server')
    expect(config.transport).toEqual({ kind: 'none' })
    expect(mailConfigFromEnv({ SMTP_URL: 'smtp://mail.example:2525' }, 'server').transport).toEqual({
      kind: 'smtp',
      url: 'smtp://mail.example:2525',
    })
    expect(() => mailConfigFromEnv({ SMTP_URL: 'http://nope' }, 'server')).toThrow(/SMTP_URL/)
    expect(existsSync('.data/mail')).toBe(false)
  })
})

describe('joining a program', () => {
  it('an application is pending with an email; approval emails a link to set a password', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const email = `ap-${tag()}@partners.example`
    const slug = (
      await stores.db
        .selectFrom('programs')
        .select('slug')
        .where('id', '=', program.id)
        .executeTakeFirstOrThrow()
    ).slug
    await expect(
      applyToProgram(ctx, {
        programSlug: slug,
        name: 'Ap Plicant',
        email,
        acceptTerms: true,
        website: 'https://blog.example',
      }),
    ).resolves.toEqual({ status: 'received' })
    const partner = await stores.db
      .selectFrom('partners')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    expect(partner.type).toBe('affiliate')
    const enrollment = await stores.db
      .selectFrom('program_enrollments')
      .selectAll()
      .where('partner_id', '=', partner.id)
      .executeTakeFirstOrThrow()
    expect(enrollment).toMatchObject({ status: 'pending', program_id: program.id })
    expect(enrollment.application).toMatchObject({ website: 'https://blog.example' })
    expect((await emailsTo(email)).map((e) => e.template)).toEqual(['application_received'])

    // Terms must be accepted.
    await expect(
      applyToProgram(ctx, {
        programSlug: slug,
        name: 'X',
        email: `x-${tag()}@p.example`,
        acceptTerms: false as true,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' })

    // The same address again: the answer does not say it has an account; the email does.
    await expect(
      applyToProgram(ctx, { programSlug: slug, name: 'Ap', email, acceptTerms: true }),
    ).resolves.toEqual({
      status: 'received',
    })
    expect((await emailsTo(email)).map((e) => e.template)).toEqual(['application_received', 'account_exists'])

    await setEnrollmentStatus(ctx, { programId: program.id, partnerId: partner.id, status: 'approved' })
    const approved = (await emailsTo(email)).at(-1)
    expect(approved).toMatchObject({
      template: 'application_approved',
      subject: `Welcome to ${`Shop ${slug}`}`,
    })
    expect(approved?.secret).toMatch(/^\/invite\/[A-Za-z0-9_-]{40,}$/)
    const token = approved!.secret!.split('/').pop()!
    await expect(acceptInvitation(ctx, { token, password: 'applicant passphrase' })).resolves.toMatchObject({
      kind: 'partner',
    })
    // Reinstating later is no application decision: no second email.
    await setEnrollmentStatus(ctx, { programId: program.id, partnerId: partner.id, status: 'suspended' })
    await setEnrollmentStatus(ctx, { programId: program.id, partnerId: partner.id, status: 'approved' })
    expect((await emailsTo(email)).length).toBe(3)
  })

  it('a rejection says so with the reason; auto-approving programs invite at once; closed ones refuse', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const slug = (
      await stores.db
        .selectFrom('programs')
        .select('slug')
        .where('id', '=', program.id)
        .executeTakeFirstOrThrow()
    ).slug
    const email = `rj-${tag()}@partners.example`
    await applyToProgram(ctx, { programSlug: slug, name: 'Rej', email, acceptTerms: true })
    const partner = await stores.db
      .selectFrom('partners')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    await setEnrollmentStatus(ctx, {
      programId: program.id,
      partnerId: partner.id,
      status: 'rejected',
      reason: 'We only work with food blogs',
    })
    const rejected = (await emailsTo(email)).at(-1)
    expect(rejected).toMatchObject({ template: 'application_rejected' })
    expect(rejected?.params).toMatchObject({ reason: 'We only work with food blogs' })

    await stores.db
      .updateTable('programs')
      .set({ applications: 'auto' })
      .where('id', '=', program.id)
      .execute()
    const auto = `au-${tag()}@partners.example`
    await expect(
      applyToProgram(ctx, { programSlug: slug, name: 'Auto', email: auto, acceptTerms: true }),
    ).resolves.toEqual({
      status: 'approved',
    })
    expect((await emailsTo(auto)).map((e) => e.template)).toEqual(['application_approved'])

    await stores.db
      .updateTable('programs')
      .set({ applications: 'closed' })
      .where('id', '=', program.id)
      .execute()
    await expect(
      applyToProgram(ctx, {
        programSlug: slug,
        name: 'Late',
        email: `la-${tag()}@p.example`,
        acceptTerms: true,
      }),
    ).rejects.toMatchObject({ code: 'illegal_transition' })
    await expect(
      applyToProgram(ctx, {
        programSlug: 'no-such-program',
        name: 'N',
        email: `n-${tag()}@p.example`,
        acceptTerms: true,
      }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})

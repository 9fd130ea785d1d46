import { claimDueEmails, type Database, markEmailFailed, markEmailSent } from '@tandem/db'
import type { Kysely } from 'kysely'
import type { MailConfig } from './config.ts'
import { renderEmail } from './templates.ts'
import type { Mailer } from './transport.ts'

export interface SendSummary {
  sent: number
  failed: number
}

/** Attempts before an email is given up: about a day with the doubling waits below. */
export const MAX_EMAIL_ATTEMPTS = 10

/** Wait before retry n (1-based): 30 s, 1 min, 2 min, … capped at 4 h. */
export function emailRetryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** (attempt - 1), 4 * 3_600_000)
}

/**
 * Sends the queued emails that are due: each is claimed (so a second sender skips it), rendered
 * with its one-time link, sent, and logged; a failure waits and is tried again, up to
 * MAX_EMAIL_ATTEMPTS. Over SMTP the token of a one-time link is masked in the logged text; the
 * local mail directory (embedded mode, nobody else receives it) keeps the text whole so the demo
 * can follow its links from the admin portal.
 */
export async function sendDueEmails(
  db: Kysely<Database>,
  mailer: Mailer,
  config: Pick<MailConfig, 'from' | 'partnerUrl' | 'adminUrl'>,
  opts: { now?: Date; limit?: number } = {},
): Promise<SendSummary> {
  const now = opts.now ?? new Date()
  const due = await claimDueEmails(db, { now, limit: opts.limit ?? 20, leaseMs: 5 * 60_000 })
  const summary: SendSummary = { sent: 0, failed: 0 }
  for (const email of due) {
    const base = email.params.portal === 'admin' ? config.adminUrl : config.partnerUrl
    const path = email.secret ?? (typeof email.params.path === 'string' ? email.params.path : null)
    // A one-time or portal path is on the portal; a friend invitation carries an absolute link.
    const link = path ? `${base}${path}` : typeof email.params.url === 'string' ? email.params.url : null
    const rendered = renderEmail(email.template, email.params, link)
    try {
      const { messageId } = await mailer.send({
        from: config.from,
        to: email.to,
        toName: email.toName,
        subject: email.subject,
        text: rendered.text,
        html: rendered.html,
      })
      const logged =
        email.secret && mailer.kind === 'smtp' && link
          ? rendered.text.replace(link, `${base}${maskSecret(email.secret)}`)
          : rendered.text
      await markEmailSent(db, email.id, {
        transport: mailer.kind,
        messageId,
        textBody: logged,
        at: new Date(),
      })
      summary.sent++
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const retryAt =
        email.attempts >= MAX_EMAIL_ATTEMPTS
          ? null
          : new Date(now.getTime() + emailRetryDelayMs(email.attempts))
      await markEmailFailed(db, email.id, { error: message, retryAt })
      summary.failed++
    }
  }
  return summary
}

/** "/invite/abcdef…" → "/invite/abc…": enough to recognise, useless to follow. */
function maskSecret(path: string): string {
  const slash = path.lastIndexOf('/')
  return `${path.slice(0, slash + 1)}${path.slice(slash + 1, slash + 4)}…`
}

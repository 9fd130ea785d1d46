import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'
import { cursorInstant, type KeysetKey, type KeysetPage, keysetPage } from './shared/keyset-page.ts'

/**
 * The email queue and log (table emails, migration 0009). A command queues an email in its own
 * transaction; the job runner claims due rows (a lease: next_attempt_at moves forward, so a
 * sender that dies leaves the row to be claimed again), sends, and records the outcome.
 */

export interface NewEmail {
  template: string
  to: string
  toName: string | null
  subject: string
  params: Record<string, unknown>
  /** A one-time link's path: kept until the email is delivered. */
  secret?: string | null
  partnerId?: string | null
  userId?: string | null
  programId?: string | null
  now: Date
}

export async function queueEmail(trx: Kysely<Database>, e: NewEmail): Promise<{ id: string }> {
  return trx
    .insertInto('emails')
    .values({
      template: e.template,
      to_address: e.to,
      to_name: e.toName,
      subject: e.subject,
      params: JSON.stringify(e.params),
      secret: e.secret ?? null,
      partner_id: e.partnerId ?? null,
      user_id: e.userId ?? null,
      program_id: e.programId ?? null,
      next_attempt_at: e.now,
      created_at: e.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export interface ClaimedEmail {
  id: string
  template: string
  to: string
  toName: string | null
  subject: string
  params: Record<string, unknown>
  secret: string | null
  attempts: number
}

/**
 * Claims up to `limit` due emails for `leaseMs` (another sender skips them meanwhile), oldest
 * first; each claim counts as an attempt.
 */
export async function claimDueEmails(
  db: Kysely<Database>,
  p: { now: Date; limit: number; leaseMs: number },
): Promise<ClaimedEmail[]> {
  const due = db
    .selectFrom('emails')
    .select('id')
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', p.now)
    .orderBy('next_attempt_at')
    .limit(p.limit)
    .forUpdate()
    .skipLocked()
  const rows = await db
    .updateTable('emails')
    .set({
      next_attempt_at: new Date(p.now.getTime() + p.leaseMs),
      attempts: sql<number>`attempts + 1`,
    })
    .where('id', 'in', due)
    .returning(['id', 'template', 'to_address', 'to_name', 'subject', 'params', 'secret', 'attempts'])
    .execute()
  return rows.map((r) => ({
    id: r.id,
    template: r.template,
    to: r.to_address,
    toName: r.to_name,
    subject: r.subject,
    params: r.params,
    secret: r.secret,
    attempts: r.attempts,
  }))
}

/** The email went out: its one-time link is forgotten, the text as sent is kept for the log. */
export async function markEmailSent(
  db: Kysely<Database>,
  id: string,
  s: { transport: string; messageId: string | null; textBody: string; at: Date },
): Promise<void> {
  await db
    .updateTable('emails')
    .set({
      status: 'sent',
      transport: s.transport,
      message_id: s.messageId,
      text_body: s.textBody,
      secret: null,
      last_error: null,
      sent_at: s.at,
    })
    .where('id', '=', id)
    .execute()
}

/** A failed attempt: tried again at `retryAt`, or given up (null) with the error kept. */
export async function markEmailFailed(
  db: Kysely<Database>,
  id: string,
  f: { error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .updateTable('emails')
    .set(
      f.retryAt
        ? { last_error: f.error.slice(0, 1000), next_attempt_at: f.retryAt }
        : { last_error: f.error.slice(0, 1000), status: 'failed', secret: null },
    )
    .where('id', '=', id)
    .execute()
}

export interface EmailLogItem {
  id: string
  template: string
  to: string
  toName: string | null
  subject: string
  status: 'queued' | 'sent' | 'failed'
  attempts: number
  transport: string | null
  /** The text as sent (null until sent). */
  textBody: string | null
  lastError: string | null
  partnerId: string | null
  programId: string | null
  /** ISO instants. */
  createdAt: string
  sentAt: string | null
}

/** Every email, newest first (the admin portal's "sent emails" page), optionally of one partner. */
export async function listEmails(
  db: Kysely<Database>,
  p: { limit: number; after: KeysetKey | null; partnerId?: string | undefined; to?: string | undefined },
): Promise<KeysetPage<EmailLogItem>> {
  const after = p.after
  const rows = await db
    .selectFrom('emails as e')
    .select([
      'e.id',
      'e.template',
      'e.to_address',
      'e.to_name',
      'e.subject',
      'e.status',
      'e.attempts',
      'e.transport',
      'e.text_body',
      'e.last_error',
      'e.partner_id',
      'e.program_id',
      'e.created_at',
      'e.sent_at',
      cursorInstant('e.created_at').as('cursor_at'),
    ])
    .$if(p.partnerId !== undefined, (q) => q.where('e.partner_id', '=', p.partnerId!))
    .$if(p.to !== undefined, (q) => q.where(sql<string>`lower(e.to_address)`, '=', p.to!.toLowerCase()))
    .$if(after !== null, (q) =>
      q.where(sql<boolean>`(e.created_at, e.id) < (${after![0]}::timestamptz, ${after![1]}::uuid)`),
    )
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(p.limit + 1)
    .execute()
  return keysetPage(
    rows,
    p.limit,
    (r) => [r.cursor_at, r.id],
    (r) => ({
      id: r.id,
      template: r.template,
      to: r.to_address,
      toName: r.to_name,
      subject: r.subject,
      status: r.status,
      attempts: r.attempts,
      transport: r.transport,
      textBody: r.text_body,
      lastError: r.last_error,
      partnerId: r.partner_id,
      programId: r.program_id,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at ? r.sent_at.toISOString() : null,
    }),
  )
}

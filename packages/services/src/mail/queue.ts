import { type Database, queueEmail } from '@tandem/db'
import type { Kysely } from 'kysely'
import type { EmailTemplate } from './templates.ts'

export interface QueuedEmail {
  template: EmailTemplate
  to: string
  toName: string | null
  subject: string
  params?: Record<string, unknown>
  /** Which portal the link opens (default partner). */
  portal?: 'partner' | 'admin'
  /** A one-time link's path ("/invite/<token>"): erased once delivered. */
  secretPath?: string | null
  /** A plain link's path ("/login"). */
  path?: string | null
  partnerId?: string | null
  userId?: string | null
  programId?: string | null
}

/** Queues an email inside the caller's transaction: it goes out only if the change commits. */
export async function queueMail(trx: Kysely<Database>, now: Date, e: QueuedEmail): Promise<{ id: string }> {
  return queueEmail(trx, {
    template: e.template,
    to: e.to,
    toName: e.toName,
    subject: e.subject,
    params: {
      ...(e.params ?? {}),
      ...(e.toName ? { name: e.toName } : {}),
      portal: e.portal ?? 'partner',
      ...(e.path ? { path: e.path } : {}),
    },
    secret: e.secretPath ?? null,
    partnerId: e.partnerId ?? null,
    userId: e.userId ?? null,
    programId: e.programId ?? null,
    now,
  })
}

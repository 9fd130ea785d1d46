import { type Database, verifyPassword } from '@tandem/db'
import { type Kysely, sql } from 'kysely'
import type { Portal } from './session-policy.ts'

export type CredentialCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'disabled' }
  | { ok: false; reason: 'wrong-portal'; kind: Portal }

/**
 * Checks an email + password. Unknown emails are verified against a dummy hash so both
 * failures cost the same time; what else is wrong is only told after the password matched.
 */
export async function checkCredentials(
  db: Kysely<Database>,
  args: { email: string; password: string; portal: Portal; dummyHash: string },
): Promise<CredentialCheck> {
  const user = await db
    .selectFrom('users as u')
    .leftJoin('partners as p', 'p.id', 'u.partner_id')
    .select(['u.id', 'u.password_hash', 'u.kind', 'u.disabled_at', 'p.status as partner_status'])
    .where(sql<string>`lower(u.email)`, '=', args.email.toLowerCase())
    .executeTakeFirst()
  const matches = await verifyPassword(user?.password_hash ?? args.dummyHash, args.password)
  if (!user || !matches) return { ok: false, reason: 'invalid' }
  if (user.disabled_at !== null || user.partner_status === 'deactivated')
    return { ok: false, reason: 'disabled' }
  if (user.kind !== args.portal) return { ok: false, reason: 'wrong-portal', kind: user.kind }
  return { ok: true, userId: user.id }
}

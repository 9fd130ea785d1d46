import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

/** What a login checks about the user an email names. */
export interface LoginUser {
  id: string
  passwordHash: string
  kind: 'admin' | 'partner'
  disabledAt: Date | null
  /** The status of the user's partner; null for admin users. */
  partnerStatus: 'active' | 'suspended' | 'deactivated' | null
}

/** The user with this email (compared case-insensitively), or undefined. */
export async function findLoginUser(db: Kysely<Database>, email: string): Promise<LoginUser | undefined> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('partners as p', 'p.id', 'u.partner_id')
    .select(['u.id', 'u.password_hash', 'u.kind', 'u.disabled_at', 'p.status as partner_status'])
    .where(sql<string>`lower(u.email)`, '=', email.toLowerCase())
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    passwordHash: row.password_hash,
    kind: row.kind,
    disabledAt: row.disabled_at,
    partnerStatus: row.partner_status,
  }
}

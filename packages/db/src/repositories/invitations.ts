import { type Kysely, sql } from 'kysely'
import type { AdminRole, Database } from '../postgres/schema.ts'

export async function insertInvitation(
  trx: Kysely<Database>,
  i: {
    kind: 'admin' | 'partner'
    email: string
    name: string
    adminRole: AdminRole | null
    partnerId: string | null
    tokenHash: string
    invitedBy: string | null
    now: Date
    expiresAt: Date
  },
): Promise<{ id: string }> {
  return trx
    .insertInto('invitations')
    .values({
      kind: i.kind,
      email: i.email,
      name: i.name,
      admin_role: i.adminRole,
      partner_id: i.partnerId,
      token_hash: i.tokenHash,
      invited_by: i.invitedBy,
      created_at: i.now,
      expires_at: i.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function lockInvitationByTokenHash(trx: Kysely<Database>, tokenHash: string) {
  return trx
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst()
}

export async function markInvitationAccepted(trx: Kysely<Database>, id: string, now: Date): Promise<void> {
  await trx.updateTable('invitations').set({ accepted_at: now }).where('id', '=', id).execute()
}

export async function findUserIdByEmail(db: Kysely<Database>, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst()
  return row?.id
}

/** Creates a portal user; null when the email has an account already. */
export async function insertUser(
  trx: Kysely<Database>,
  u: {
    email: string
    name: string
    passwordHash: string
    kind: 'admin' | 'partner'
    adminRole: AdminRole | null
    partnerId: string | null
    now: Date
  },
): Promise<{ id: string } | null> {
  if (await findUserIdByEmail(trx, u.email)) return null
  return trx
    .insertInto('users')
    .values({
      email: u.email,
      name: u.name,
      password_hash: u.passwordHash,
      kind: u.kind,
      admin_role: u.adminRole,
      partner_id: u.partnerId,
      created_at: u.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function lockUser(trx: Kysely<Database>, id: string) {
  return trx
    .selectFrom('users')
    .select(['id', 'email', 'kind', 'admin_role', 'partner_id', 'disabled_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function updateUserRow(
  trx: Kysely<Database>,
  id: string,
  patch: { admin_role?: AdminRole; disabled_at?: Date | null; password_hash?: string },
): Promise<void> {
  await trx.updateTable('users').set(patch).where('id', '=', id).execute()
}

/** Enabled owners, locked: the last one cannot be demoted or disabled. */
export async function lockActiveOwnerIds(trx: Kysely<Database>): Promise<string[]> {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('kind', '=', 'admin')
    .where('admin_role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .forUpdate()
    .execute()
  return rows.map((r) => r.id)
}

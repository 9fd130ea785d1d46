import { type Database, findLoginUser, verifyPassword } from '@tandem/db'
import type { Kysely } from 'kysely'
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
  const user = await findLoginUser(db, args.email)
  const matches = await verifyPassword(user?.passwordHash ?? args.dummyHash, args.password)
  if (!user || !matches) return { ok: false, reason: 'invalid' }
  if (user.disabledAt !== null || user.partnerStatus === 'deactivated')
    return { ok: false, reason: 'disabled' }
  if (user.kind !== args.portal) return { ok: false, reason: 'wrong-portal', kind: user.kind }
  return { ok: true, userId: user.id }
}

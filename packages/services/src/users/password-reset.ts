import { randomBytes } from 'node:crypto'
import {
  closePasswordResets,
  countPasswordResetsSince,
  deleteSessionsOfUser,
  findResettableUser,
  hashPassword,
  insertAuditRow,
  insertPasswordReset,
  lockPasswordReset,
  updateUserRow,
} from '@tandem/db'
import { z } from 'zod'
import type { ServiceContext } from '../context.ts'
import { InvalidInputError, parseInput } from '../errors.ts'
import { queueMail } from '../mail/queue.ts'
import { email } from '../shared/fields.ts'
import { hashInvitationToken, newPassword } from './users.ts'

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 60
/** Reset emails per account per hour; more requests are answered the same way and send nothing. */
export const RESETS_PER_HOUR = 3

export const requestPasswordResetInput = z.strictObject({ email })

/**
 * "Forgot password": emails a one-time link (valid an hour) to the account's address. The answer
 * is the same whether or not the address has an account (nobody learns who has one), and at most
 * RESETS_PER_HOUR links are sent per account per hour.
 */
export async function requestPasswordReset(
  ctx: ServiceContext,
  raw: z.input<typeof requestPasswordResetInput>,
): Promise<{ queued: boolean }> {
  const input = parseInput(requestPasswordResetInput, raw)
  const user = await findResettableUser(ctx.db, input.email)
  const now = ctx.now()
  if (!user || user.disabled_at !== null || user.partner_status === 'deactivated') return { queued: false }
  const recent = await countPasswordResetsSince(ctx.db, user.id, new Date(now.getTime() - 3_600_000))
  if (recent >= RESETS_PER_HOUR) return { queued: false }
  const token = randomBytes(32).toString('base64url')
  await ctx.db.transaction().execute(async (trx) => {
    const reset = await insertPasswordReset(trx, {
      userId: user.id,
      tokenHash: hashInvitationToken(token),
      now,
      expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
    })
    await queueMail(trx, now, {
      template: 'password_reset',
      to: user.email,
      toName: user.name,
      subject: 'Reset your Tandem password',
      portal: user.kind,
      secretPath: `/reset-password/${token}`,
      partnerId: user.partner_id,
      userId: user.id,
    })
    await insertAuditRow(trx, {
      actorType: user.kind === 'partner' ? 'partner' : 'user',
      actorId: user.kind === 'partner' ? user.partner_id : user.id,
      action: 'user.password_reset_requested',
      entityType: 'user',
      entityId: user.id,
      data: { reset_id: reset.id },
    })
  })
  return { queued: true }
}

export const resetPasswordInput = z.strictObject({
  token: z.string().min(20).max(100),
  password: newPassword,
})

/**
 * Sets a new password from a reset link: the link (and every other open link of the account)
 * stops working and every session of the account ends. Returns the user, for the caller to log in.
 */
export async function resetPassword(
  ctx: ServiceContext,
  raw: z.input<typeof resetPasswordInput>,
): Promise<{ userId: string; kind: 'admin' | 'partner' }> {
  const input = parseInput(resetPasswordInput, raw)
  const passwordHash = await hashPassword(input.password)
  return ctx.db.transaction().execute(async (trx) => {
    const reset = await lockPasswordReset(trx, hashInvitationToken(input.token))
    const now = ctx.now()
    if (!reset || reset.used_at !== null || reset.expires_at <= now || reset.disabled_at !== null) {
      throw new InvalidInputError(
        'This reset link is not valid any more: ask for a new one',
        undefined,
        'reset_link_invalid',
      )
    }
    await updateUserRow(trx, reset.user_id, { password_hash: passwordHash })
    await closePasswordResets(trx, reset.user_id, now)
    const ended = await deleteSessionsOfUser(trx, reset.user_id)
    await insertAuditRow(trx, {
      actorType: 'user',
      actorId: reset.user_id,
      action: 'user.password_reset',
      entityType: 'user',
      entityId: reset.user_id,
      data: { reset_id: reset.id, sessions_ended: ended },
    })
    return { userId: reset.user_id, kind: reset.kind }
  })
}

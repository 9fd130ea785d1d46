import { findInvitationByTokenHash } from '@tandem/db'
import { acceptInvitation, hashInvitationToken, requestPasswordReset, resetPassword } from '@tandem/services'
import { limitPerAddress } from '../../auth/action-limiter.ts'
import { startSessionFor } from '../../auth/start-session.ts'
import { publicProcedure } from '../../procedures.ts'
import {
  invitationOutput,
  requestResetInput,
  requestResetOutput,
  setPasswordInput,
  setPasswordOutput,
  tokenInput,
} from '../../schemas/partner-account.ts'
import { router } from '../../trpc.ts'
import { tooMany } from './join.ts'

/** Reset requests one client address may send per 15 minutes. */
export const RESET_REQUESTS_PER_ADDRESS = 5

/** Setting a password from an invitation or a reset link, and asking for a reset link (no login). */
export const accountRouter = router({
  invitation: publicProcedure
    .input(tokenInput)
    .output(invitationOutput)
    .query(async ({ ctx, input }) => {
      const i = await findInvitationByTokenHash(ctx.stores.db, hashInvitationToken(input.token))
      const valid =
        i !== undefined && i.kind === 'partner' && i.accepted_at === null && i.expires_at > ctx.auth.now()
      return valid
        ? { valid, email: i.email, name: i.name, partnerName: i.partner_name }
        : { valid: false, email: null, name: null, partnerName: null }
    }),

  acceptInvitation: publicProcedure
    .input(setPasswordInput)
    .output(setPasswordOutput)
    .mutation(async ({ ctx, input }) => {
      const system = {
        db: ctx.stores.db,
        now: () => ctx.auth.now(),
        actor: { type: 'system' as const, id: null },
      }
      const accepted = await acceptInvitation(system, input)
      return { user: await startSessionFor(ctx, accepted.userId, 'invitation') }
    }),

  requestPasswordReset: publicProcedure
    .input(requestResetInput)
    .output(requestResetOutput)
    .mutation(async ({ ctx, input }) => {
      const wait = await limitPerAddress(ctx.stores.db, {
        action: 'password-reset',
        address: ctx.request.ip,
        max: RESET_REQUESTS_PER_ADDRESS,
        now: ctx.auth.now(),
      })
      if (wait !== null) {
        ctx.setHeader('Retry-After', String(Math.ceil(wait / 1000)))
        throw tooMany(wait, 'reset requests')
      }
      const system = {
        db: ctx.stores.db,
        now: () => ctx.auth.now(),
        actor: { type: 'system' as const, id: null },
      }
      await requestPasswordReset(system, input)
      return { ok: true as const }
    }),

  resetPassword: publicProcedure
    .input(setPasswordInput)
    .output(setPasswordOutput)
    .mutation(async ({ ctx, input }) => {
      const system = {
        db: ctx.stores.db,
        now: () => ctx.auth.now(),
        actor: { type: 'system' as const, id: null },
      }
      const done = await resetPassword(system, input)
      return {
        user: done.kind === ctx.portal ? await startSessionFor(ctx, done.userId, 'password_reset') : null,
      }
    }),
})

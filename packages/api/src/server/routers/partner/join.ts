import { findJoinProgram, listJoinablePrograms } from '@tandem/db'
import { applyAsPartner, applyToProgram } from '@tandem/services'
import { TRPCError } from '@trpc/server'
import { limitPerAddress } from '../../auth/action-limiter.ts'
import { notFound } from '../../errors.ts'
import { describeReferralRewards, describeRules } from '../../partner-text/commission-summary.ts'
import { partnerProcedure, publicProcedure } from '../../procedures.ts'
import {
  applyInput,
  applyOutput,
  joinProgramInput,
  joinProgramOutput,
  partnerApplyInput,
  partnerApplyOutput,
  partnerProgramsOutput,
} from '../../schemas/partner-account.ts'
import { partnerServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'

/** Applications one client address may send per 15 minutes. */
export const APPLICATIONS_PER_ADDRESS = 10

function tooMany(retryAfterMs: number, what: string): TRPCError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000))
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `Too many ${what} from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  })
}

/** The public join page of a program and its application form (no login). */
export const joinRouter = router({
  program: publicProcedure
    .input(joinProgramInput)
    .output(joinProgramOutput)
    .query(async ({ ctx, input }) => {
      const p = await findJoinProgram(ctx.stores.db, { slug: input.slug }, ctx.auth.now())
      if (p?.status !== 'active') throw notFound('There is no program at this address')
      return {
        slug: p.slug,
        name: p.name,
        kind: p.kind,
        currency: p.currency,
        description: p.description,
        terms: p.terms,
        applications: p.applications,
        commissions: p.kind === 'referral' ? describeReferralRewards(p.rewards) : describeRules(p.rules),
        cookieDays: p.cookieDays,
        holdDays: p.holdDays,
        payoutThreshold: { amountMinor: p.payoutThresholdMinor, currency: p.currency },
        payoutSchedule: p.payoutSchedule,
        domains: p.allowedDomains,
      }
    }),

  submit: publicProcedure
    .input(applyInput)
    .output(applyOutput)
    .mutation(async ({ ctx, input }) => {
      const wait = await limitPerAddress(ctx.stores.db, {
        action: 'apply',
        address: ctx.request.ip,
        max: APPLICATIONS_PER_ADDRESS,
        now: ctx.auth.now(),
      })
      if (wait !== null) {
        ctx.setHeader('Retry-After', String(Math.ceil(wait / 1000)))
        throw tooMany(wait, 'applications')
      }
      const { slug, ...rest } = input
      return applyToProgram(
        { db: ctx.stores.db, now: () => ctx.auth.now(), actor: { type: 'system', id: 'join-page' } },
        { ...rest, programSlug: slug },
      )
    }),
})

/** Programs a logged-in partner is in or may join, and applying to one more. */
export const partnerProgramsRouter = router({
  list: partnerProcedure.output(partnerProgramsOutput).query(async ({ ctx }) => {
    const rows = await listJoinablePrograms(ctx.stores.db, ctx.partnerId)
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      currency: r.currency.trim(),
      description: r.description,
      enrollment: r.enrollment_status ?? null,
      open: r.applications !== 'closed',
    }))
  }),
  join: partnerProcedure
    .input(partnerApplyInput)
    .output(partnerApplyOutput)
    .mutation(({ ctx, input }) =>
      applyAsPartner(partnerServiceContext(ctx, ctx.partnerId), { ...input, partnerId: ctx.partnerId }),
    ),
})

export { tooMany }

import { listAmbassadors, listReferralRewards } from '@tandem/db'
import { z } from 'zod'
import { adminProcedure } from '../../procedures.ts'
import { instantSchema, moneySchema, uuidSchema } from '../../schemas/common.ts'
import { router } from '../../trpc.ts'

const rewardStatus = z.enum(['pending', 'qualified', 'issued', 'void'])

/** The referral side: ambassadors with their referrals, referral sales and rewards by status. */
export const referralsRouter = router({
  ambassadors: adminProcedure
    .input(z.object({ programId: uuidSchema }))
    .output(
      z.array(
        z.object({
          partnerId: z.string(),
          name: z.string(),
          email: z.string(),
          status: z.string(),
          referrals: z.number().int(),
          conversions: z.number().int(),
          rewards: z.array(z.object({ status: z.string(), count: z.number().int(), amount: moneySchema })),
        }),
      ),
    )
    .query(async ({ ctx, input }) =>
      (await listAmbassadors(ctx.stores.db, input.programId)).map((a) => ({
        ...a,
        rewards: a.rewards.map((r) => ({
          status: r.status,
          count: r.count,
          amount: { amountMinor: r.amountMinor, currency: r.currency },
        })),
      })),
    ),

  rewards: adminProcedure
    .input(z.object({ programId: uuidSchema, status: rewardStatus.optional() }))
    .output(
      z.array(
        z.object({
          id: z.string(),
          side: z.enum(['referrer', 'friend']),
          referrerName: z.string().nullable(),
          customerExternalId: z.string().nullable(),
          rewardType: z.string(),
          amount: moneySchema,
          percentBps: z.number().int(),
          status: z.string(),
          milestone: z.number().int().nullable(),
          explanation: z.string(),
          createdAt: instantSchema,
        }),
      ),
    )
    .query(async ({ ctx, input }) =>
      (await listReferralRewards(ctx.stores.db, { ...input, limit: 200 })).map((r) => ({
        id: r.id,
        side: r.side,
        referrerName: r.referrerName,
        customerExternalId: r.customerExternalId,
        rewardType: r.rewardType,
        amount: { amountMinor: r.amountMinor, currency: r.currency },
        percentBps: r.percentBps,
        status: r.status,
        milestone: r.milestone,
        explanation: r.explanation,
        createdAt: r.createdAt.toISOString(),
      })),
    ),
})

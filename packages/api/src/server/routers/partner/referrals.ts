import { addMoney, type Money } from '@tandem/core'
import {
  listAmbassadorPrograms,
  listFriendInvitations,
  listMilestoneRewards,
  listReferredFriends,
  referralLeaderboard,
  trackingUrl,
} from '@tandem/db'
import { DomainError, inviteFriend } from '@tandem/services'
import { TRPCError } from '@trpc/server'
import { z } from 'zod'
import { notFound } from '../../errors.ts'
import { describeReferralRewards, describeReward } from '../../partner-text/commission-summary.ts'
import { partnerSafe } from '../../partner-text/partner-safe.ts'
import { partnerProcedure } from '../../procedures.ts'
import { instantSchema, moneySchema } from '../../schemas/common.ts'
import { partnerServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'

type Json = Record<string, unknown>
const programInput = z.object({ programId: z.uuid('Not a valid id').optional() })

const friendSchema = z.object({
  /** The address the partner invited them at, or null (a friend who came through the link or code). */
  invitedAs: z.string().nullable(),
  referredAt: instantSchema.nullable(),
  firstPurchaseAt: instantSchema.nullable(),
  reward: z.object({
    state: z.enum(['no_purchase', 'pending', 'issued', 'void', 'not_rewarded']),
    amount: moneySchema.nullable(),
    /** Pending rewards: when the hold ends. */
    until: instantSchema.nullable(),
    why: z.string().nullable(),
  }),
})

const overviewOutput = z.object({
  programs: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['affiliate', 'referral']) })),
  program: z
    .object({
      id: z.string(),
      name: z.string(),
      rewards: z.array(z.string()),
      holdDays: z.number().int(),
      leaderboard: z.boolean(),
    })
    .nullable(),
  shareUrl: z.string().nullable(),
  code: z.string().nullable(),
  /** What a friend gets, in words (for the share text). */
  offer: z.string().nullable(),
  friends: z.array(friendSchema),
  invitations: z.array(
    z.object({ to: z.string().nullable(), at: instantSchema, status: z.string().nullable() }),
  ),
  totals: z.object({
    pending: z.array(moneySchema),
    earned: z.array(moneySchema),
    referred: z.number().int(),
    rewarded: z.number().int(),
  }),
  milestones: z.object({
    reached: z.array(z.object({ name: z.string(), at: z.number().int(), reward: z.string().nullable() })),
    next: z
      .object({
        name: z.string(),
        at: z.number().int(),
        reward: z.string().nullable(),
        remaining: z.number().int(),
      })
      .nullable(),
  }),
})

function sum(values: readonly Money[]): Money[] {
  const by = new Map<string, Money>()
  for (const m of values) by.set(m.currency, by.has(m.currency) ? addMoney(by.get(m.currency)!, m) : m)
  return [...by.values()]
}

async function chosenProgram(
  partnerId: string,
  db: Parameters<typeof listAmbassadorPrograms>[0],
  programId?: string,
) {
  const programs = await listAmbassadorPrograms(db, partnerId)
  const program = programId ? programs.find((p) => p.id === programId) : programs[0]
  if (programId && !program) throw notFound('No such program of yours')
  return { programs, program }
}

/** An ambassador's referral page: link and code, friends and their rewards, milestones, leaderboard. */
export const referralsRouter = router({
  overview: partnerProcedure
    .input(programInput)
    .output(overviewOutput)
    .query(async ({ ctx, input }) => {
      const { programs, program } = await chosenProgram(ctx.partnerId, ctx.stores.db, input.programId)
      const empty = { pending: [], earned: [], referred: 0, rewarded: 0 }
      const base = { programs: programs.map((p) => ({ id: p.id, name: p.name, kind: p.kind })) }
      if (!program) {
        return {
          ...base,
          program: null,
          shareUrl: null,
          code: null,
          offer: null,
          friends: [],
          invitations: [],
          totals: empty,
          milestones: { reached: [], next: null },
        }
      }
      const rewards = (program.rewards ?? null) as Json | null
      const holdDays = Number((rewards?.qualification as Json | undefined)?.holdDays ?? 0)
      const scope = { partnerId: ctx.partnerId, programId: program.id }
      const [friends, invitations, milestoneRows] = await Promise.all([
        listReferredFriends(ctx.stores.db, scope),
        listFriendInvitations(ctx.stores.db, scope),
        listMilestoneRewards(ctx.stores.db, scope),
      ])
      const shaped = friends.map((f) => {
        // Money rewards only (store credit, cash): a coupon carries no balance, as on the dashboard.
        const amount =
          f.reward_minor !== null &&
          f.reward_currency &&
          f.reward_minor > 0 &&
          (f.reward_type === 'store_credit' || f.reward_type === 'cash')
            ? { amountMinor: f.reward_minor, currency: f.reward_currency.trim() }
            : null
        const first = f.first_purchase_at ? new Date(f.first_purchase_at) : null
        const state: z.infer<typeof friendSchema>['reward']['state'] = !f.reward_status
          ? first
            ? 'not_rewarded'
            : 'no_purchase'
          : f.reward_status === 'pending'
            ? 'pending'
            : f.reward_status === 'void'
              ? 'void'
              : 'issued'
        return {
          invitedAs: f.invited_as,
          referredAt: f.referred_at ? f.referred_at.toISOString() : null,
          firstPurchaseAt: first ? first.toISOString() : null,
          reward: {
            state,
            amount,
            until:
              state === 'pending' && first
                ? new Date(first.getTime() + holdDays * 86_400_000).toISOString()
                : null,
            why: f.reward_explanation ? partnerSafe(f.reward_explanation, ctx.partnerId) : null,
          },
        }
      })
      const rewarded = shaped.filter((f) => f.reward.state === 'issued').length
      const milestoneDefs = (Array.isArray(rewards?.milestones) ? rewards.milestones : []) as Json[]
      const settled = milestoneRows.filter((m) => m.status === 'qualified' || m.status === 'issued')
      const reachedIds = new Set(settled.map((m) => m.milestone))
      const milestoneMoney = (statuses: readonly string[]) =>
        milestoneRows
          .filter(
            (m) =>
              statuses.includes(m.status) && (m.reward_type === 'store_credit' || m.reward_type === 'cash'),
          )
          .map((m) => ({ amountMinor: m.amount_minor, currency: m.currency.trim() }))
      const defs = milestoneDefs
        .map((m) => ({
          name: String(m.name ?? m.id ?? ''),
          at: Number(m.qualifiedReferrals ?? 0),
          reward: describeReward(m.reward),
        }))
        .sort((a, b) => a.at - b.at)
      const reached = defs.filter((d) => d.at <= rewarded || reachedIds.has(d.at))
      const next = defs.find((d) => d.at > rewarded)
      const friendOffer = describeReward(rewards?.friendReward)
      return {
        ...base,
        program: {
          id: program.id,
          name: program.name,
          rewards: describeReferralRewards(rewards),
          holdDays,
          leaderboard: program.leaderboard,
        },
        shareUrl: program.link_code ? trackingUrl(ctx.trackerUrl, program.link_code, null) : null,
        code: program.coupon_code,
        offer: friendOffer ? `You get ${friendOffer}.` : null,
        friends: shaped,
        invitations: invitations.map((i) => ({
          to: i.to_address,
          at: i.created_at.toISOString(),
          status: i.email_status,
        })),
        totals: {
          // Milestone rewards count too: the totals agree with the dashboard's referral rewards.
          pending: sum([
            ...shaped
              .filter((f) => f.reward.state === 'pending' && f.reward.amount)
              .map((f) => f.reward.amount!),
            ...milestoneMoney(['pending']),
          ]),
          earned: sum([
            ...shaped
              .filter((f) => f.reward.state === 'issued' && f.reward.amount)
              .map((f) => f.reward.amount!),
            ...milestoneMoney(['qualified', 'issued']),
          ]),
          referred: shaped.length,
          rewarded,
        },
        milestones: { reached, next: next ? { ...next, remaining: next.at - rewarded } : null },
      }
    }),

  invite: partnerProcedure
    .input(z.object({ programId: z.uuid('Choose a program'), email: z.string().trim().max(254) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const { program } = await chosenProgram(ctx.partnerId, ctx.stores.db, input.programId)
      if (!program?.link_code) throw notFound('You have no referral link in this program yet')
      const friendOffer = describeReward(((program.rewards ?? {}) as Json).friendReward)
      try {
        await inviteFriend(partnerServiceContext(ctx, ctx.partnerId), {
          partnerId: ctx.partnerId,
          programId: program.id,
          email: input.email,
          shareUrl: trackingUrl(ctx.trackerUrl, program.link_code, null),
          code: program.coupon_code,
          offer: friendOffer ? `You get ${friendOffer}.` : null,
        })
      } catch (error) {
        if (error instanceof DomainError && error.reason === 'rate_limited') {
          throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message })
        }
        throw error
      }
      return { ok: true as const }
    }),

  leaderboard: partnerProcedure
    .input(z.object({ programId: z.uuid('Not a valid id') }))
    .output(
      z.object({
        enabled: z.boolean(),
        rows: z.array(
          z.object({
            rank: z.number().int(),
            name: z.string(),
            referrals: z.number().int(),
            you: z.boolean(),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { program } = await chosenProgram(ctx.partnerId, ctx.stores.db, input.programId)
      if (!program?.leaderboard) return { enabled: false, rows: [] }
      const rows = await referralLeaderboard(ctx.stores.db, program.id, 10)
      return {
        enabled: true,
        rows: rows.map((r, i) => ({
          rank: i + 1,
          name:
            r.partner_id === ctx.partnerId
              ? (r.leaderboard_name ?? 'You')
              : (r.leaderboard_name ?? `Ambassador #${i + 1}`),
          referrals: r.referrals,
          you: r.partner_id === ctx.partnerId,
        })),
      }
    }),
})

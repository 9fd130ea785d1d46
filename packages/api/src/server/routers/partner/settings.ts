import { findPartnerSettings, listPartnerPostbackDeliveries, listPartnerPostbacks } from '@tandem/db'
import {
  POSTBACK_PLACEHOLDERS,
  sendTestPostback,
  setPartnerPostback,
  setPartnerProfile,
  setPartnerProfileInput,
  setPayoutDetails,
  WEBHOOK_TOPICS,
} from '@tandem/services'
import { z } from 'zod'
import { notFound } from '../../errors.ts'
import { partnerProcedure } from '../../procedures.ts'
import {
  changedOutput,
  deliveriesInput,
  deliveriesOutput,
  postbacksOutput,
  setPayoutInput,
  setPostbackInput,
  settingsOutput,
  testPostbackInput,
  testPostbackOutput,
} from '../../schemas/partner-settings.ts'
import { partnerServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'

type Json = Record<string, unknown>
const str = (v: unknown) => (typeof v === 'string' ? v : null)

function payoutView(method: string | null, details: Json | null): z.infer<typeof settingsOutput>['payout'] {
  if (!method || !details) return null
  if (method === 'paypal') return { method, email: str(details.email) ?? '' }
  if (method === 'wise')
    return { method, email: str(details.email) ?? '', accountHolder: str(details.accountHolder) }
  const iban = str(details.iban) ?? ''
  return {
    method: 'bank_transfer',
    accountHolder: str(details.accountHolder) ?? '',
    ibanMasked: iban ? `${iban.slice(0, 2)}•• •••• ${iban.slice(-4)}` : '',
    bic: str(details.bic),
  }
}

const profileInput = setPartnerProfileInput.omit({ partnerId: true })

/** The partner's own settings: payout method, legal name and address, tax, notifications, postbacks. */
export const settingsRouter = router({
  get: partnerProcedure.output(settingsOutput).query(async ({ ctx }) => {
    const s = await findPartnerSettings(ctx.stores.db, ctx.partnerId)
    if (!s) throw notFound('No such partner')
    const tax = s.tax as Json | null
    const notifications = (s.notifications ?? {}) as Record<string, boolean>
    return {
      name: s.name,
      email: s.email,
      type: s.type,
      payout: payoutView(s.payout_method, s.payout_details),
      payoutCurrency: s.payout_currency?.trim() ?? null,
      legalName: s.legal_name,
      address: (s.address as z.infer<typeof settingsOutput>['address']) ?? null,
      tax: tax
        ? {
            ...(tax as Omit<NonNullable<z.infer<typeof settingsOutput>['tax']>, 'tinLast4'>),
            tin: undefined,
            tinLast4: typeof tax.tin === 'string' ? tax.tin.slice(-4) : null,
          }
        : null,
      notifications: {
        newConversion: notifications.newConversion ?? true,
        conversionApproved: notifications.conversionApproved ?? false,
        payoutSent: notifications.payoutSent ?? true,
        programNews: notifications.programNews ?? false,
      },
      leaderboardName: s.leaderboard_name,
    }
  }),

  setPayout: partnerProcedure
    .input(setPayoutInput)
    .output(changedOutput)
    .mutation(({ ctx, input }) =>
      setPayoutDetails(partnerServiceContext(ctx, ctx.partnerId), { ...input, partnerId: ctx.partnerId }),
    ),

  setProfile: partnerProcedure
    .input(profileInput)
    .output(z.object({ changed: z.array(z.string()) }))
    .mutation(({ ctx, input }) =>
      setPartnerProfile(partnerServiceContext(ctx, ctx.partnerId), { ...input, partnerId: ctx.partnerId }),
    ),

  postbacks: partnerProcedure.output(postbacksOutput).query(async ({ ctx }) =>
    (await listPartnerPostbacks(ctx.stores.db, ctx.partnerId)).map((p) => ({
      programId: p.program_id,
      programName: p.program_name,
      urlTemplate: p.url_template,
      events: p.events ?? [],
      active: p.active ?? false,
    })),
  ),

  postbackHelp: partnerProcedure
    .output(z.object({ placeholders: z.array(z.string()), events: z.array(z.string()) }))
    .query(() => ({ placeholders: [...POSTBACK_PLACEHOLDERS], events: [...WEBHOOK_TOPICS] })),

  setPostback: partnerProcedure
    .input(setPostbackInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await setPartnerPostback(
        ctx.stores.db,
        { ...input, events: input.events as (typeof WEBHOOK_TOPICS)[number][], partnerId: ctx.partnerId },
        { type: 'partner', id: ctx.partnerId },
      )
      return { ok: true as const }
    }),

  testPostback: partnerProcedure
    .input(testPostbackInput)
    .output(testPostbackOutput)
    .mutation(async ({ ctx, input }) => {
      const r = await sendTestPostback(ctx.stores.db, {
        partnerId: ctx.partnerId,
        programId: input.programId,
      })
      return { ok: r.ok, error: r.error }
    }),

  deliveries: partnerProcedure
    .input(deliveriesInput)
    .output(deliveriesOutput)
    .query(async ({ ctx, input }) =>
      (
        await listPartnerPostbackDeliveries(ctx.stores.db, {
          partnerId: ctx.partnerId,
          programId: input.programId,
          limit: input.limit,
        })
      ).map((d) => ({
        id: d.id,
        programId: d.program_id,
        topic: d.topic,
        attempt: d.attempt,
        url: d.url,
        status: d.status,
        statusCode: d.status_code,
        latencyMs: d.latency_ms,
        responseExcerpt: d.response_excerpt,
        error: d.error,
        at: d.started_at.toISOString(),
      })),
    ),
})

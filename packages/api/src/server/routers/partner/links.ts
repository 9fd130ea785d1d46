import { addMoney, type Money } from '@tandem/core'
import {
  findPartnerLink,
  listLinkPrograms,
  listPartnerLinks,
  partnerLinkStats,
  trackingUrl,
} from '@tandem/db'
import { createLink, setLinkStatus } from '@tandem/services'
import { notFound } from '../../errors.ts'
import { partnerProcedure } from '../../procedures.ts'
import { partnerLinksOutput } from '../../schemas/partner.ts'
import {
  createLinkInput,
  createLinkOutput,
  linkDetailOutput,
  linkIdInput,
  linkProgramsOutput,
  linkStatsInput,
  linkStatsOutput,
  setLinkStatusInput,
  setLinkStatusOutput,
} from '../../schemas/partner-links.ts'
import { partnerServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'

export const linksRouter = router({
  list: partnerProcedure.output(partnerLinksOutput).query(({ ctx }) =>
    listPartnerLinks(ctx.stores.db, ctx.stores.ch, {
      partnerId: ctx.partnerId,
      trackerUrl: ctx.trackerUrl,
      today: ctx.auth.now(),
    }),
  ),

  /** Programs the partner may make links in, with the domains links may lead to. */
  programs: partnerProcedure.output(linkProgramsOutput).query(async ({ ctx }) =>
    (await listLinkPrograms(ctx.stores.db, ctx.partnerId)).map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      allowedDomains: p.allowed_domains,
      subdomains: p.deep_link_subdomains,
      defaultLandingUrl: p.default_landing_url,
    })),
  ),

  /** The link builder: a deep link, sub-ids and UTM fields, an optional alias. */
  create: partnerProcedure
    .input(createLinkInput)
    .output(createLinkOutput)
    .mutation(async ({ ctx, input }) => {
      const params = Object.fromEntries(
        Object.entries(input.params ?? {}).filter(
          (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
        ),
      )
      const created = await createLink(partnerServiceContext(ctx, ctx.partnerId), {
        programId: input.programId,
        partnerId: ctx.partnerId,
        ...(input.destinationUrl ? { destinationUrl: input.destinationUrl } : {}),
        ...(input.alias ? { code: input.alias } : {}),
        ...(input.name ? { name: input.name } : {}),
        params,
      })
      return {
        id: created.id,
        code: created.code,
        trackingUrl: trackingUrl(ctx.trackerUrl, created.code, params),
      }
    }),

  setStatus: partnerProcedure
    .input(setLinkStatusInput)
    .output(setLinkStatusOutput)
    .mutation(({ ctx, input }) => setLinkStatus(partnerServiceContext(ctx, ctx.partnerId), input)),

  get: partnerProcedure
    .input(linkIdInput)
    .output(linkDetailOutput)
    .query(async ({ ctx, input }) => {
      const link = await findPartnerLink(ctx.stores.db, ctx.partnerId, input.linkId)
      if (!link) throw notFound('No such link')
      return {
        id: link.id,
        code: link.code,
        name: link.name,
        programId: link.program_id,
        programName: link.program_name,
        trackingUrl: trackingUrl(ctx.trackerUrl, link.code, link.params),
        destinationUrl: link.destination_url,
        status: link.status,
        params: link.params ?? {},
        createdAt: link.created_at.toISOString(),
      }
    }),

  /** Clicks, conversions, earnings and EPC per link or per sub-id, for a date range. */
  stats: partnerProcedure
    .input(linkStatsInput)
    .output(linkStatsOutput)
    .query(async ({ ctx, input }) => {
      if (
        input.linkId !== undefined &&
        !(await findPartnerLink(ctx.stores.db, ctx.partnerId, input.linkId))
      ) {
        throw notFound('No such link')
      }
      const rows = await partnerLinkStats(ctx.stores.db, ctx.stores.ch, {
        partnerId: ctx.partnerId,
        from: input.from,
        to: input.to,
        by: input.by,
        linkId: input.linkId,
      })
      const names =
        input.by === 'link'
          ? new Map(
              (
                await listPartnerLinks(ctx.stores.db, ctx.stores.ch, {
                  partnerId: ctx.partnerId,
                  trackerUrl: ctx.trackerUrl,
                  today: ctx.auth.now(),
                })
              ).map((l) => [String(l.id), l.name ?? l.code]),
            )
          : null
      const currency = mainCurrency(rows.flatMap((r) => r.earnings))
      const epc = (earnings: Money[], clicks: number) =>
        clicks > 0 && currency
          ? (earnings.find((m) => m.currency === currency)?.amountMinor ?? 0) / clicks
          : null
      const shaped = rows
        .filter((r) => names === null || names.has(r.key))
        .map((r) => ({
          ...r,
          label: names ? (names.get(r.key) ?? null) : null,
          conversionRate: r.clicks > 0 ? r.conversions / r.clicks : 0,
          epcMinor: epc(r.earnings, r.clicks),
        }))
      const totals = shaped.reduce(
        (t, r) => ({
          clicks: t.clicks + r.clicks,
          uniqueClicks: t.uniqueClicks + r.uniqueClicks,
          conversions: t.conversions + r.conversions,
          earnings: sumMoney([...t.earnings, ...r.earnings]),
        }),
        { clicks: 0, uniqueClicks: 0, conversions: 0, earnings: [] as Money[] },
      )
      return {
        from: input.from,
        to: input.to,
        by: input.by,
        currency,
        rows: shaped,
        totals: {
          ...totals,
          conversionRate: totals.clicks > 0 ? totals.conversions / totals.clicks : 0,
          epcMinor: epc(totals.earnings, totals.clicks),
        },
      }
    }),
})

function sumMoney(values: readonly Money[]): Money[] {
  const by = new Map<string, Money>()
  for (const m of values) {
    const prev = by.get(m.currency)
    by.set(m.currency, prev ? addMoney(prev, m) : m)
  }
  return [...by.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1))
}

/** The currency with the largest total earned (ties: alphabetical). */
function mainCurrency(values: readonly Money[]): string | null {
  const totals = sumMoney(values)
  let best: Money | null = null
  for (const m of totals) if (!best || Math.abs(m.amountMinor) > Math.abs(best.amountMinor)) best = m
  return best?.currency ?? null
}

import { moneyToDecimal } from '@tandem/core'
import { findProgramDetail, linkCodesByIds, listPrograms, partnerNamesByIds, reportRows } from '@tandem/db'
import type { Context } from '../../context.ts'
import { notFound } from '../../errors.ts'
import { adminProcedure } from '../../procedures.ts'
import {
  type REPORT_COLUMNS,
  reportCsvInput,
  reportCsvOutput,
  reportInput,
  reportOutput,
} from '../../schemas/admin-reports.ts'
import { router } from '../../trpc.ts'

/** CSV exports are capped: a report past this many rows is narrowed by range or program first. */
const MAX_EXPORT_ROWS = 10_000

type Dimension = 'partner' | 'link' | 'subid' | 'day' | 'program'

async function labelled(
  ctx: Pick<Context, 'stores'>,
  input: {
    dimension: Dimension
    from: string
    to: string
    programId: string
    partnerId?: string | undefined
    sort: 'key' | 'clicks' | 'unique_clicks' | 'conversions' | 'revenue' | 'commission' | 'refunds'
    direction: 'asc' | 'desc'
  },
  page: { limit: number; offset: number },
) {
  const program = await findProgramDetail(ctx.stores.db, input.programId)
  if (!program) throw notFound('Program not found')
  const currency = program.currency
  const { rows, total } = await reportRows(ctx.stores.ch, { ...input, currency, ...page })
  const keys = rows.map((r) => r.key)
  const labels = new Map<string, string>()
  if (input.dimension === 'partner') {
    for (const [id, name] of await partnerNamesByIds(
      ctx.stores.db,
      keys.filter((k) => /^[0-9a-f-]{36}$/.test(k)),
    ))
      labels.set(id, name)
  } else if (input.dimension === 'link') {
    for (const [id, code] of await linkCodesByIds(
      ctx.stores.db,
      keys.map(Number).filter((n) => n > 0),
    ))
      labels.set(String(id), code)
  } else if (input.dimension === 'program') {
    for (const p of await listPrograms(ctx.stores.db)) labels.set(p.id, p.name)
  }
  const money = (amountMinor: number) => ({ amountMinor, currency })
  return {
    currency,
    total,
    rows: rows.map((r) => ({
      key: r.key,
      label:
        labels.get(r.key) ??
        (input.dimension === 'subid'
          ? r.key || '(none)'
          : r.key === '00000000-0000-0000-0000-000000000000' || r.key === '0'
            ? '(none)'
            : r.key),
      clicks: r.clicks,
      uniqueClicks: r.uniqueClicks,
      conversions: r.conversions,
      conversionRate: r.uniqueClicks > 0 ? r.conversions / r.uniqueClicks : null,
      revenue: money(r.revenueMinor),
      commission: money(r.commissionMinor),
      epc: r.clicks > 0 ? money(Math.floor(r.commissionMinor / r.clicks)) : null,
      refunds: money(r.refundsMinor),
    })),
  }
}

/** CSV cell: quoted when needed; text that a spreadsheet would run as a formula is defused. */
function cell(value: string | number): string {
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

const HEADERS: Record<(typeof REPORT_COLUMNS)[number], string> = {
  clicks: 'clicks',
  uniqueClicks: 'unique_clicks',
  conversions: 'conversions',
  conversionRate: 'conversion_rate',
  revenue: 'revenue',
  commission: 'commission',
  epc: 'epc',
  refunds: 'refunds',
}

export const reportsRouter = router({
  /** One page of a report, sorted on the server. */
  run: adminProcedure
    .input(reportInput)
    .output(reportOutput)
    .query(({ ctx, input }) =>
      labelled(ctx, input, { limit: input.pageSize, offset: input.page * input.pageSize }),
    ),

  /** The report as on screen (its columns, filters and order), every row of the range, as CSV. */
  csv: adminProcedure
    .input(reportCsvInput)
    .output(reportCsvOutput)
    .query(async ({ ctx, input }) => {
      const report = await labelled(ctx, input, { limit: MAX_EXPORT_ROWS, offset: 0 })
      const decimal = (m: { amountMinor: number; currency: string } | null) => (m ? moneyToDecimal(m) : '')
      const value = (
        r: (typeof report.rows)[number],
        c: (typeof REPORT_COLUMNS)[number],
      ): string | number => {
        switch (c) {
          case 'conversionRate':
            return r.conversionRate === null ? '' : r.conversionRate.toFixed(4)
          case 'revenue':
          case 'commission':
          case 'refunds':
            return decimal(r[c])
          case 'epc':
            return decimal(r.epc)
          default:
            return r[c]
        }
      }
      const lines = [
        [input.dimension, 'key', ...input.columns.map((c) => HEADERS[c]), 'currency'].map(cell).join(','),
        ...report.rows.map((r) =>
          [r.label, r.key, ...input.columns.map((c) => value(r, c)), report.currency].map(cell).join(','),
        ),
      ]
      return {
        filename: `report-${input.dimension}-${input.from}-${input.to}.csv`,
        content: `${lines.join('\r\n')}\r\n`,
        rows: report.rows.length,
      }
    }),
})

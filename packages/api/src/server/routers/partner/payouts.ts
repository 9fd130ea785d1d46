import { addMoney, type Money, moneyToDecimal } from '@tandem/core'
import {
  findPartnerPayout,
  listPartnerPayouts,
  partnerBalances,
  partnerLedgerBetween,
  partnerPayoutFacts,
} from '@tandem/db'
import { notFound } from '../../errors.ts'
import { partnerSafe } from '../../partner-text/partner-safe.ts'
import { type Statement, statementPdf } from '../../partner-text/statement-pdf.ts'
import { partnerProcedure } from '../../procedures.ts'
import {
  payoutDetailOutput,
  payoutIdInput,
  payoutListOutput,
  payoutSummaryOutput,
  statementInput,
  statementOutput,
} from '../../schemas/partner-payouts.ts'
import { router } from '../../trpc.ts'

function sum(values: readonly Money[]): Money[] {
  const by = new Map<string, Money>()
  for (const m of values) {
    const prev = by.get(m.currency)
    by.set(m.currency, prev ? addMoney(prev, m) : m)
  }
  return [...by.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1))
}

/** The day the scheduled-payouts job plans the next batch: next Monday, or the 1st of next month (UTC). */
export function nextPayoutDay(schedule: 'manual' | 'weekly' | 'monthly', now: Date): string | null {
  if (schedule === 'manual') return null
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  if (schedule === 'weekly') {
    const days = (8 - d.getUTCDay()) % 7 || 7
    d.setUTCDate(d.getUTCDate() + days)
  } else {
    d.setUTCMonth(d.getUTCMonth() + 1, 1)
  }
  return d.toISOString().slice(0, 10)
}

const csvField = (v: string) => {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

async function partnerHeader(db: Parameters<typeof partnerPayoutFacts>[0], partnerId: string) {
  const p = await partnerPayoutFacts(db, partnerId)
  if (!p) throw notFound('No such partner')
  const address = (p.address ?? null) as Record<string, string> | null
  const tax = (p.tax ?? null) as Record<string, string> | null
  return {
    name: p.legal_name ?? p.name,
    email: p.email,
    address: address
      ? [
          address.line1,
          address.line2,
          `${address.postalCode ?? ''} ${address.city ?? ''}`.trim(),
          address.country,
        ].filter((l): l is string => Boolean(l))
      : [],
    taxLines: tax
      ? [tax.vatId ? `VAT id ${tax.vatId}` : '', tax.country ? `Tax residence ${tax.country}` : ''].filter(
          Boolean,
        )
      : [],
  }
}

export const payoutsRouter = router({
  /** All-time balances, and per program the threshold and the next payout day. */
  summary: partnerProcedure.output(payoutSummaryOutput).query(async ({ ctx }) => {
    const [rows, facts] = await Promise.all([
      partnerBalances(ctx.stores.db, ctx.partnerId),
      partnerPayoutFacts(ctx.stores.db, ctx.partnerId),
    ])
    const bucket = (b: string) =>
      sum(rows.filter((r) => r.bucket === b).map((r) => ({ amountMinor: r.amount, currency: r.currency })))
    const programs = new Map<string, (typeof rows)[number][]>()
    for (const r of rows) programs.set(r.program_id, [...(programs.get(r.program_id) ?? []), r])
    return {
      balances: {
        pending: bucket('pending'),
        approved: bucket('approved'),
        inPayout: bucket('in_payout'),
        paid: bucket('paid'),
      },
      programs: [...programs.values()].map((list) => {
        const first = list[0]!
        const approvedMinor = list
          .filter((r) => r.bucket === 'approved' && r.currency === first.program_currency)
          .reduce((n, r) => n + r.amount, 0)
        return {
          programId: first.program_id,
          programName: first.program_name,
          approved: { amountMinor: approvedMinor, currency: first.program_currency },
          threshold: { amountMinor: first.payout_threshold_minor, currency: first.program_currency },
          schedule: first.payout_schedule,
          nextPayoutDay: nextPayoutDay(first.payout_schedule, ctx.auth.now()),
          reachesThreshold: approvedMinor >= first.payout_threshold_minor && approvedMinor > 0,
        }
      }),
      payoutMethodSet: facts?.payout_method != null,
      holdReason: facts?.payout_hold_reason ?? null,
    }
  }),

  list: partnerProcedure.output(payoutListOutput).query(async ({ ctx }) =>
    (await listPartnerPayouts(ctx.stores.db, ctx.partnerId, 200)).map((p) => ({
      id: p.id,
      programName: p.program_name,
      amount: { amountMinor: p.amount_minor, currency: p.currency },
      fee: { amountMinor: p.fee_minor, currency: p.currency },
      method: p.method,
      status: p.status,
      reference: p.reference,
      createdAt: p.created_at.toISOString(),
      paidAt: p.paid_at ? p.paid_at.toISOString() : null,
      lines: p.lines ?? 0,
    })),
  ),

  get: partnerProcedure
    .input(payoutIdInput)
    .output(payoutDetailOutput)
    .query(async ({ ctx, input }) => {
      const p = await findPartnerPayout(ctx.stores.db, ctx.partnerId, input.payoutId)
      if (!p) throw notFound('No such payout')
      return {
        id: p.id,
        programName: p.program_name,
        amount: { amountMinor: p.amount_minor, currency: p.currency },
        fee: { amountMinor: p.fee_minor, currency: p.currency },
        method: p.method,
        status: p.status,
        reference: p.reference,
        createdAt: p.created_at.toISOString(),
        paidAt: p.paid_at ? p.paid_at.toISOString() : null,
        lines: p.lines.length,
        items: p.lines.map((l) => ({
          kind: l.kind,
          orderId: l.order_id,
          event: l.event,
          occurredAt: l.occurred_at ? l.occurred_at.toISOString() : null,
          amount: { amountMinor: l.amount_minor, currency: l.currency },
          explanation: partnerSafe(l.explanation, ctx.partnerId),
          at: l.created_at.toISOString(),
        })),
      }
    }),

  /** A statement of one payout or one month (UTC), as PDF or CSV. */
  statement: partnerProcedure
    .input(statementInput)
    .output(statementOutput)
    .query(async ({ ctx, input }) => {
      const partner = await partnerHeader(ctx.stores.db, ctx.partnerId)
      let statement: Statement
      let base: string
      if (input.payoutId) {
        const p = await findPartnerPayout(ctx.stores.db, ctx.partnerId, input.payoutId)
        if (!p) throw notFound('No such payout')
        const amount = { amountMinor: p.amount_minor, currency: p.currency }
        statement = {
          title: 'Payout statement',
          period: `Payout ${p.id.slice(0, 8)} · ${p.status}${p.paid_at ? ` on ${p.paid_at.toISOString().slice(0, 10)}` : ''} · via ${p.method}${p.reference ? ` (reference ${p.reference})` : ''}`,
          partner,
          program: p.program_name,
          lines: p.lines.map((l) => ({
            date: l.created_at.toISOString().slice(0, 10),
            description: `${l.order_id ? `Order ${l.order_id}: ` : ''}${partnerSafe(l.explanation, ctx.partnerId)}`,
            amount: { amountMinor: l.amount_minor, currency: l.currency },
          })),
          totals: [
            ...(p.fee_minor > 0
              ? [{ label: 'Fee', amount: { amountMinor: -p.fee_minor, currency: p.currency } }]
              : []),
            { label: 'Total paid', amount },
          ],
          notes: ['Amounts are your commissions covered by this payout, net of reversals.'],
        }
        base = `statement-payout-${p.id.slice(0, 8)}`
      } else {
        const month = input.month!
        const start = new Date(`${month}-01T00:00:00Z`)
        const end = new Date(start)
        end.setUTCMonth(end.getUTCMonth() + 1)
        const [ledger, payouts] = await Promise.all([
          partnerLedgerBetween(ctx.stores.db, ctx.partnerId, start, end),
          listPartnerPayouts(ctx.stores.db, ctx.partnerId, 1000),
        ])
        const paid = payouts.filter((p) => p.paid_at && p.paid_at >= start && p.paid_at < end)
        const earned = ledger.filter((l) => l.status !== 'rejected')
        statement = {
          title: 'Monthly statement',
          period: `${month} (UTC)`,
          partner,
          program: null,
          lines: [
            ...earned.map((l) => ({
              date: l.created_at.toISOString().slice(0, 10),
              description: `${l.program_name}${l.order_id ? ` · order ${l.order_id}` : ''} · ${l.status}: ${partnerSafe(l.explanation, ctx.partnerId)}`,
              amount: { amountMinor: l.amount_minor, currency: l.currency },
            })),
          ],
          totals: [
            ...sum(earned.map((l) => ({ amountMinor: l.amount_minor, currency: l.currency }))).map((m) => ({
              label: `Earned in ${month}`,
              amount: m,
            })),
            ...sum(paid.map((p) => ({ amountMinor: p.amount_minor, currency: p.currency }))).map((m) => ({
              label: `Paid out in ${month}`,
              amount: m,
            })),
          ],
          notes: ['Earned: commissions, bonuses and reversals recorded this month, pending or approved.'],
        }
        base = `statement-${month}`
      }
      if (input.format === 'csv') {
        const rows = [
          ['date', 'description', 'amount', 'currency'],
          ...statement.lines.map((l) => [l.date, l.description, moneyToDecimal(l.amount), l.amount.currency]),
          ...statement.totals.map((t) => ['', t.label, moneyToDecimal(t.amount), t.amount.currency]),
        ]
        return {
          filename: `${base}.csv`,
          contentType: 'text/csv',
          encoding: 'utf8' as const,
          data: `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`,
        }
      }
      const pdf = await statementPdf(statement, ctx.auth.now())
      return {
        filename: `${base}.pdf`,
        contentType: 'application/pdf',
        encoding: 'base64' as const,
        data: pdf.toString('base64'),
      }
    }),
})

import { InvalidInputError } from '../errors.ts'
import type { LedgerRow } from '../ledger/types.ts'
import { formatMoney } from '../money/format.ts'
import { assertMoney, type Money } from '../money/money.ts'
import { formatRate, rateToRatio } from '../money/rate.ts'
import { fromInt, mul, roundRatio } from '../money/ratio.ts'
import { DEFAULT_ROUNDING, type RoundingMode } from '../money/rounding.ts'
import type {
  HeldBack,
  HoldBackReason,
  PayoutFee,
  PayoutLine,
  PayoutPlan,
  PayoutPlanInput,
  PayoutThreshold,
} from './types.ts'

interface Group {
  readonly partnerId: string
  readonly currency: string
  readonly rows: LedgerRow[]
  amount: number
}

const text = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency })

/**
 * Plan a payout batch from approved, unpaid ledger rows: one line per partner and currency
 * (its amount is the exact sum of the rows it pays), and every partner left out with the
 * reason. Checks, in order: partner known and active, no manual hold, not flagged, payout
 * method set and complete, positive balance, the threshold for the currency and method,
 * and a fee smaller than the amount. Rows left out stay unpaid and carry over.
 */
export function planPayouts(input: PayoutPlanInput): PayoutPlan {
  const groups = groupPayableRows(input.rows)
  checkConfig(input.thresholds, input.fees)
  const lines: PayoutLine[] = []
  const heldBack: HeldBack[] = []
  const hold = (group: Group, reason: HoldBackReason, explanation: string) =>
    heldBack.push({
      partnerId: group.partnerId,
      amount: { amountMinor: group.amount, currency: group.currency },
      reason,
      rowIds: group.rows.map((row) => row.id),
      explanation,
    })

  for (const group of groups) {
    const balanceText = text(group.amount, group.currency)
    const partner = Object.hasOwn(input.partners, group.partnerId)
      ? input.partners[group.partnerId]
      : undefined
    if (!partner) {
      hold(
        group,
        'unknown_partner',
        `${group.partnerId} is not in the partner list; ${balanceText} stays unpaid.`,
      )
      continue
    }
    if (partner.status !== 'active') {
      hold(
        group,
        'partner_not_active',
        `The partner is ${partner.status}; ${balanceText} is held until reinstated.`,
      )
      continue
    }
    if (partner.holdReason) {
      hold(group, 'manual_hold', `Held by a manager: ${partner.holdReason}. ${balanceText} carries over.`)
      continue
    }
    if (partner.flagged) {
      hold(group, 'flagged', `Open fraud flags must be reviewed first; ${balanceText} carries over.`)
      continue
    }
    const method = partner.payoutMethod
    if (!method) {
      hold(
        group,
        'missing_payout_method',
        `No payout method set; ${balanceText} carries over until the partner adds one.`,
      )
      continue
    }
    if (!method.detailsComplete) {
      hold(
        group,
        'missing_payout_details',
        `The ${method.type} details are incomplete; ${balanceText} carries over.`,
      )
      continue
    }
    if (group.amount < 0) {
      hold(
        group,
        'negative_balance',
        `Clawbacks exceed earnings (${balanceText}); the debt carries over to future earnings.`,
      )
      continue
    }
    if (group.amount === 0) {
      hold(group, 'zero_balance', 'Earnings and clawbacks cancel out; nothing to pay.')
      continue
    }
    const threshold = findThreshold(input.thresholds, group.currency, method.type)
    if (threshold && group.amount < threshold.minimum.amountMinor) {
      const minimum = formatMoney(threshold.minimum)
      hold(
        group,
        'below_threshold',
        `Below the ${minimum} minimum for ${method.type}: ${balanceText} carries over to the next payout.`,
      )
      continue
    }
    const fee = findFee(input.fees, group.currency, method.type)
    const feeAmount = fee ? computeFee(fee, group.amount, input.rounding ?? DEFAULT_ROUNDING) : 0
    const byPartner = fee?.paidBy === 'partner'
    const net = byPartner ? group.amount - feeAmount : group.amount
    if (byPartner && net <= 0) {
      hold(
        group,
        'fee_exceeds_amount',
        `The ${method.type} fee (${text(feeAmount, group.currency)}) would take all of ${balanceText}; it carries over.`,
      )
      continue
    }
    const rowsText = `${group.rows.length} approved row(s)`
    const feeText =
      feeAmount === 0
        ? 'no fee'
        : `fee ${text(feeAmount, group.currency)} (${describeFee(fee!)}) paid by ${byPartner ? 'the partner' : 'the program'}`
    lines.push({
      partnerId: group.partnerId,
      method: method.type,
      amount: { amountMinor: group.amount, currency: group.currency },
      fee: { amountMinor: feeAmount, currency: group.currency },
      feePaidBy: fee?.paidBy ?? 'program',
      net: { amountMinor: net, currency: group.currency },
      rowIds: group.rows.map((row) => row.id),
      explanation: `Pays ${rowsText}: ${balanceText} via ${method.type}, ${feeText} → ${text(net, group.currency)} to the partner.`,
    })
  }
  return { lines, heldBack, totals: totals(lines) }
}

/** Approved rows not in a payout yet, by partner and currency, in a stable order. */
function groupPayableRows(rows: readonly LedgerRow[]): Group[] {
  const groups = new Map<string, Group>()
  for (const row of rows) {
    if (row.status !== 'approved' || row.payoutId !== null) continue
    assertMoney(row.amount, `row ${row.id} amount`)
    const key = `${row.partnerId}\u0000${row.amount.currency}`
    let group = groups.get(key)
    if (!group) {
      group = { partnerId: row.partnerId, currency: row.amount.currency, rows: [], amount: 0 }
      groups.set(key, group)
    }
    group.rows.push(row)
    group.amount += row.amount.amountMinor
  }
  return [...groups.values()].sort((a, b) =>
    a.partnerId === b.partnerId ? (a.currency < b.currency ? -1 : 1) : a.partnerId < b.partnerId ? -1 : 1,
  )
}

function checkConfig(thresholds: readonly PayoutThreshold[], fees: readonly PayoutFee[]): void {
  for (const threshold of thresholds) {
    assertMoney(threshold.minimum, `the ${threshold.currency} payout minimum`)
    if (threshold.minimum.currency !== threshold.currency) {
      throw new InvalidInputError(
        `The payout minimum for ${threshold.currency} is given in ${threshold.minimum.currency}`,
      )
    }
  }
  for (const fee of fees) {
    for (const part of [fee.fixed, fee.maximum]) {
      if (!part) continue
      assertMoney(part, `the ${fee.method} fee`)
      if (part.currency !== fee.currency || part.amountMinor < 0) {
        throw new InvalidInputError(`The ${fee.method} fee amounts must be non-negative ${fee.currency}`)
      }
    }
    if (fee.rate) rateToRatio(fee.rate)
  }
}

/** Currency + method beats currency alone. */
function findThreshold(thresholds: readonly PayoutThreshold[], currency: string, method: string) {
  return (
    thresholds.find((t) => t.currency === currency && t.method === method) ??
    thresholds.find((t) => t.currency === currency && (t.method === undefined || t.method === null))
  )
}

function findFee(fees: readonly PayoutFee[], currency: string, method: string): PayoutFee | undefined {
  return fees.find((fee) => fee.method === method && fee.currency === currency)
}

/** fixed + rate × amount (rounded once), capped at maximum. */
function computeFee(fee: PayoutFee, amount: number, rounding: RoundingMode): number {
  let total = fee.fixed?.amountMinor ?? 0
  if (fee.rate) total += roundRatio(mul(fromInt(amount), rateToRatio(fee.rate)), rounding)
  if (fee.maximum) total = Math.min(total, fee.maximum.amountMinor)
  return total
}

function describeFee(fee: PayoutFee): string {
  const parts: string[] = []
  if (fee.fixed) parts.push(formatMoney(fee.fixed))
  if (fee.rate) parts.push(formatRate(fee.rate))
  const base = parts.join(' + ') || 'no fee'
  return fee.maximum ? `${base}, at most ${formatMoney(fee.maximum)}` : base
}

function totals(lines: readonly PayoutLine[]): PayoutPlan['totals'] {
  const byCurrency = new Map<string, { amount: number; fees: number; net: number }>()
  for (const line of lines) {
    const entry = byCurrency.get(line.amount.currency) ?? { amount: 0, fees: 0, net: 0 }
    entry.amount += line.amount.amountMinor
    entry.fees += line.fee.amountMinor
    entry.net += line.net.amountMinor
    byCurrency.set(line.amount.currency, entry)
  }
  const money = (amountMinor: number, currency: string): Money => ({ amountMinor, currency })
  return [...byCurrency]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, t]) => ({
      amount: money(t.amount, currency),
      fees: money(t.fees, currency),
      net: money(t.net, currency),
    }))
}

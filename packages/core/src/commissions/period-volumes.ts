import { CurrencyMismatchError, InvalidInputError } from '../errors.ts'
import { currencyDecimals, type Money } from '../money/money.ts'
import type { CommissionResult, PeriodVolume } from './types.ts'

/**
 * The partner's volume after a priced conversion: `before` plus what the result adds for the
 * partner (CommissionResult.volume, and the partner's own commission lines: level 0, kind
 * 'commission', what period caps count). `before` absent = nothing yet in the period.
 */
export function addToPeriodVolume(
  before: PeriodVolume | undefined,
  result: CommissionResult,
  partnerId: string,
): PeriodVolume {
  const currency = result.currency
  let conversions = before?.conversions ?? 0
  let revenue = amountIn(before?.revenue, currency)
  let commission = amountIn(before?.commission, currency)
  for (const increment of result.volume) {
    if (increment.partnerId !== partnerId) continue
    conversions += increment.conversions
    revenue += increment.revenue.amountMinor
  }
  for (const line of result.lines) {
    if (line.partnerId === partnerId && line.level === 0 && line.kind === 'commission')
      commission += line.amount.amountMinor
  }
  return {
    conversions,
    revenue: { amountMinor: revenue, currency },
    commission: { amountMinor: commission, currency },
  }
}

function amountIn(value: Money | undefined, currency: string): number {
  if (value === undefined) return 0
  if (value.currency !== currency) {
    throw new CurrencyMismatchError(
      currency,
      value.currency,
      'add',
      `The period volume is in ${value.currency} but the commissions are in ${currency}`,
    )
  }
  return value.amountMinor
}

/**
 * "2024-06": the calendar month of an instant in a time zone (IANA name, default UTC), the
 * usual period of tiers, caps and bonuses.
 */
export function calendarMonth(at: Date, timeZone = 'UTC'): string {
  if (timeZone === 'UTC') return at.toISOString().slice(0, 7)
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(
      at,
    )
  } catch {
    throw new InvalidInputError(
      `Unknown time zone ${JSON.stringify(timeZone)}: use an IANA name such as 'Europe/Berlin'`,
    )
  }
  const year = parts.find((part) => part.type === 'year')?.value
  const month = parts.find((part) => part.type === 'month')?.value
  return `${year}-${month}`
}

/**
 * Partners' period volumes kept in memory, for callers that price conversions in time order
 * (demo data, backfills, tests). Conversions and revenue count per event (PeriodVolume is the
 * volume of the conversion's event), commission per partner across events. Services that keep
 * volumes in a database load a PeriodVolume per partner and use addToPeriodVolume().
 */
export class PeriodVolumeBook {
  readonly currency: string
  private readonly events = new Map<string, { conversions: number; revenue: number }>()
  private readonly commissions = new Map<string, number>()

  constructor(currency: string) {
    currencyDecimals(currency)
    this.currency = currency
  }

  /** The volume before the next `event` conversion in `period`; undefined when there is none yet. */
  volume(partnerId: string, period: string, event: string): PeriodVolume | undefined {
    const counted = this.events.get(eventKey(partnerId, period, event))
    const commission = this.commissions.get(partnerKey(partnerId, period))
    if (!counted && commission === undefined) return undefined
    return {
      conversions: counted?.conversions ?? 0,
      revenue: { amountMinor: counted?.revenue ?? 0, currency: this.currency },
      commission: { amountMinor: commission ?? 0, currency: this.currency },
    }
  }

  /** Record a priced conversion of `event` in `period`. */
  record(result: CommissionResult, period: string, event: string): void {
    if (result.currency !== this.currency) {
      throw new CurrencyMismatchError(
        this.currency,
        result.currency,
        'add',
        `The book keeps ${this.currency} volumes, the commissions are in ${result.currency}`,
      )
    }
    for (const increment of result.volume) {
      const key = eventKey(increment.partnerId, period, event)
      const counted = this.events.get(key) ?? { conversions: 0, revenue: 0 }
      this.events.set(key, {
        conversions: counted.conversions + increment.conversions,
        revenue: counted.revenue + increment.revenue.amountMinor,
      })
    }
    for (const line of result.lines) {
      if (line.level !== 0 || line.kind !== 'commission') continue
      const key = partnerKey(line.partnerId, period)
      this.commissions.set(key, (this.commissions.get(key) ?? 0) + line.amount.amountMinor)
    }
  }
}

const eventKey = (partnerId: string, period: string, event: string) =>
  `${partnerId}\u0000${period}\u0000${event}`
const partnerKey = (partnerId: string, period: string) => `${partnerId}\u0000${period}`

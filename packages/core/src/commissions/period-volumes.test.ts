import { describe, expect, it } from 'vitest'
import { CurrencyMismatchError, InvalidInputError } from '../errors.ts'
import { money } from '../money/money.ts'
import { computeCommissions } from './compute-commissions.ts'
import { addToPeriodVolume, calendarMonth, PeriodVolumeBook } from './period-volumes.ts'
import type { CommissionRule, RevenueTieredRule } from './rule-types.ts'
import type { CommissionResult, PeriodVolume } from './types.ts'

const EUR = (amountMinor: number) => money(amountMinor, 'EUR')
const AT = new Date('2024-06-15T10:00:00.000Z')
const tiers: RevenueTieredRule = {
  kind: 'tiered',
  id: 'tiers',
  name: 'Tiers',
  event: 'sale',
  metric: 'revenue',
  mode: 'whole',
  tiers: [
    { id: 'base', name: 'Base', from: EUR(0), rate: { bps: 1000 } },
    { id: 'gold', name: 'Gold', from: EUR(15_000), rate: { bps: 2000 } },
  ],
}
const lead: CommissionRule = { kind: 'flat', id: 'cpl', name: 'CPL', event: 'lead', amount: EUR(300) }

function price(event: string, amountMinor: number, period: PeriodVolume | undefined): CommissionResult {
  return computeCommissions({
    conversion: { event, amount: EUR(amountMinor), occurredAt: AT },
    shares: [
      { partnerId: 'p1', weightPpm: 500_000 },
      { partnerId: 'p2', weightPpm: 500_000 },
    ],
    ruleSet: { currency: 'EUR', rules: [tiers, lead] },
    partners: { p1: { status: 'active', ...(period ? { period } : {}) }, p2: { status: 'active' } },
  })
}

describe('period volumes', () => {
  it('addToPeriodVolume adds the conversion, its attributed revenue and the own commission', () => {
    // 100.00 shared 50/50: p1 gains 1 sale, 50.00 revenue and 5.00 commission
    const after = addToPeriodVolume(undefined, price('sale', 10_000, undefined), 'p1')
    expect(after).toEqual({ conversions: 1, revenue: EUR(5_000), commission: EUR(500) })
  })

  it('a book prices each conversion with the volume before it: the third sale reaches Gold', () => {
    const book = new PeriodVolumeBook('EUR')
    const month = calendarMonth(AT)
    const paid: number[] = []
    for (let i = 0; i < 3; i++) {
      const result = price('sale', 10_000, book.volume('p1', month, 'sale'))
      paid.push(result.lines.find((line) => line.partnerId === 'p1')!.amount.amountMinor)
      book.record(result, month, 'sale')
    }
    // p1's revenue before each sale: 0, 50.00, 100.00; with this sale 50, 100, 150 → Gold from 150.00
    expect(paid).toEqual([500, 500, 1_000])
    expect(book.volume('p1', month, 'sale')).toEqual({
      conversions: 3,
      revenue: EUR(15_000),
      commission: EUR(2_000),
    })
  })

  it('counts conversions per event and commission across events', () => {
    const book = new PeriodVolumeBook('EUR')
    book.record(price('sale', 10_000, undefined), '2024-06', 'sale')
    book.record(price('lead', 0, undefined), '2024-06', 'lead')
    expect(book.volume('p1', '2024-06', 'lead')).toEqual({
      conversions: 1,
      revenue: EUR(0),
      commission: EUR(650),
    })
    expect(book.volume('p1', '2024-07', 'sale')).toBeUndefined()
  })

  it('refuses volumes in another currency', () => {
    const book = new PeriodVolumeBook('USD')
    expect(() => book.record(price('sale', 100, undefined), '2024-06', 'sale')).toThrow(CurrencyMismatchError)
    const usd = { conversions: 0, revenue: money(0, 'USD'), commission: money(0, 'USD') }
    expect(() => addToPeriodVolume(usd, price('sale', 100, undefined), 'p1')).toThrow(
      'The period volume is in USD but the commissions are in EUR',
    )
  })

  it('calendarMonth is the month in the time zone', () => {
    const newYear = new Date('2024-12-31T23:30:00.000Z')
    expect([calendarMonth(newYear), calendarMonth(newYear, 'Europe/Berlin')]).toEqual(['2024-12', '2025-01'])
    expect(() => calendarMonth(newYear, 'Mars/Olympus')).toThrow(InvalidInputError)
  })
})

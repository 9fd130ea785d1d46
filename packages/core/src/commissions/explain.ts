import { formatMinor } from '../money/format.ts'
import { formatFraction } from '../money/rate.ts'
import { type Ratio, roundRatio } from '../money/ratio.ts'
import { formatPpm, PPM } from '../shared/ppm.ts'
import type { PreparedConversion } from './prepare.ts'
import type { RevenueBase } from './rule-types.ts'

/** Text of minor units in a currency: fmt(12000, 'EUR') → "120.00 EUR". */
export const fmt = formatMinor

/** An exact amount rounded half-even for display only. */
export function fmtExact(value: Ratio, currency: string): string {
  return fmt(roundRatio(value, 'half-even'), currency)
}

export const pct = formatFraction

/** Revenue a percentage is taken from, in conversion minor units, and how it was derived. */
export interface RevenueBaseFacts {
  readonly base: number
  readonly text: string
}

/**
 * "on 120.00 EUR net of 20.00 EUR tax, less 30.00 EUR of items priced by product rules,
 * × 50% attribution share at 1 USD = 0.92 EUR"
 */
export function revenueBase(
  prep: PreparedConversion,
  rule: RevenueBase,
  itemsPricedElsewhere: number,
  weightPpm: number,
): RevenueBaseFacts {
  const tax = rule.netOfTax ? prep.tax : 0
  const shipping = rule.netOfShipping ? prep.shipping : 0
  let text = `on ${fmt(prep.amount, prep.currency)}`
  if (tax > 0) text += ` net of ${fmt(tax, prep.currency)} tax`
  if (shipping > 0) text += `${tax > 0 ? ' and' : ' net of'} ${fmt(shipping, prep.currency)} shipping`
  if (itemsPricedElsewhere > 0)
    text += `, less ${fmt(itemsPricedElsewhere, prep.currency)} of items priced by product rules`
  return {
    base: prep.amount - tax - shipping - itemsPricedElsewhere,
    text: text + shareText(weightPpm) + prep.fxText,
  }
}

/** ", × 50% attribution share" when the partner shares the conversion. */
export function shareText(weightPpm: number): string {
  return weightPpm === PPM ? '' : `, × ${formatPpm(weightPpm)} attribution share`
}

export function ordinal(n: number): string {
  return `#${n}`
}

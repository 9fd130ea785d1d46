import type { Money } from '../money/money.ts'
import type { Tier } from './rule-types.ts'

/**
 * Where a tier starts, as a number: a count, or a revenue boundary's minor units. A bare number
 * on a revenue tier is the stored form of rule sets written before boundaries became Money.
 */
export function tierStart(tier: Tier): number {
  const from: number | Money = tier.from
  return typeof from === 'number' ? from : from.amountMinor
}

import { convert, type FxTable, formatMoney, type Money } from '@tandem/core'
import type { ConversionProgram } from '@tandem/db'
import { InvalidInputError } from '../errors.ts'

/**
 * The largest amount any field of a conversion may carry, in minor units of its currency
 * (1,000,000,000.00 EUR). Far below 2^53: a partner's monthly sum would need 90,000 conversions at
 * this ceiling to leave the safe integer range, and the period sums are computed as numeric anyway.
 * A program's own maximum (programs.max_conversion_amount_minor) can only be lower.
 */
export const HARD_MAX_AMOUNT_MINOR = 100_000_000_000

/**
 * Refuses a conversion amount above the program's maximum. The maximum is in the program's
 * currency: an amount in another currency is converted at the day's rate; without a rate only the
 * global ceiling (checked at the edge) applies.
 */
export function checkProgramMaximum(program: ConversionProgram, amount: Money, fx: FxTable | null): void {
  const max = program.max_conversion_amount_minor
  if (max === null) return
  let inProgramCurrency: Money | null = amount
  if (amount.currency !== program.currency) {
    try {
      inProgramCurrency = fx ? convert(amount, program.currency, fx) : null
    } catch {
      inProgramCurrency = null // no rate for this pair
    }
  }
  if (inProgramCurrency === null || inProgramCurrency.amountMinor <= max) return
  const limit = { amountMinor: max, currency: program.currency }
  throw new InvalidInputError(
    `amount: ${formatMoney(amount)} is above the largest conversion program ${program.slug} accepts (${formatMoney(limit)}); check the unit (minor units in the API, major units in postbacks), or raise the program's maximum`,
    { max_amount_minor: max, currency: program.currency },
    'amount_above_maximum',
  )
}

import { InvalidRateError, MissingFxRateError } from '../errors.ts'
import { assertMoney, currencyDecimals, type Money } from './money.ts'
import { div, fromInt, mul, ONE, parseDecimal, type Ratio, ratio, roundRatio, sign } from './ratio.ts'
import { DEFAULT_ROUNDING, type RoundingMode } from './rounding.ts'

/**
 * A table of exchange rates against one base currency, as exact decimal strings:
 * 1 unit of `base` = rates[X] units of X. The base itself is implicitly "1".
 * JSON: { "base": "EUR", "rates": { "USD": "1.0832", "JPY": "162.41" } }. No network: the
 * caller loads the table for the conversion's date and passes it in.
 */
export interface FxTable {
  readonly base: string
  readonly rates: Readonly<Record<string, string>>
}

function unitsPerBase(table: FxTable, code: string, from: string, to: string): Ratio {
  if (code === table.base) return ONE
  const text = Object.hasOwn(table.rates, code) ? table.rates[code] : undefined
  if (text === undefined) throw new MissingFxRateError(from, to)
  const parsed = parseDecimal(text)
  if (!parsed || sign(parsed) <= 0) {
    throw new InvalidRateError(
      `FX rate for ${code} must be a positive decimal string, got ${JSON.stringify(text)}`,
    )
  }
  return parsed
}

/**
 * Exact factor that turns minor units of `from` into minor units of `to`
 * (includes the difference in decimals, e.g. EUR cents → JPY yen).
 */
export function fxMinorFactor(from: string, to: string, table: FxTable): Ratio {
  const fromDecimals = currencyDecimals(from)
  const toDecimals = currencyDecimals(to)
  if (from === to) return ONE
  const major = div(unitsPerBase(table, to, from, to), unitsPerBase(table, from, from, to))
  return mul(major, ratio(10 ** toDecimals, 10 ** fromDecimals))
}

/** Convert `amount` into `to` with the table, rounding once (half-even by default). */
export function convert(
  amount: Money,
  to: string,
  table: FxTable,
  mode: RoundingMode = DEFAULT_ROUNDING,
): Money {
  assertMoney(amount)
  if (amount.currency === to) {
    currencyDecimals(to)
    return amount
  }
  const factor = fxMinorFactor(amount.currency, to, table)
  return { amountMinor: roundRatio(mul(fromInt(amount.amountMinor), factor), mode), currency: to }
}

import { CurrencyMismatchError, InvalidMoneyError, UnknownCurrencyError } from '../errors.ts'
import { lookupCurrencyDecimals } from './currencies.ts'

/**
 * An amount of money: an integer number of minor units (cents, yen, fils) and an ISO 4217
 * code. `amountMinor` is always a safe integer; it may be negative (refunds, clawbacks).
 * 12.34 EUR is { amountMinor: 1234, currency: 'EUR' }; 500 JPY is { amountMinor: 500, currency: 'JPY' }.
 */
export interface Money {
  readonly amountMinor: number
  readonly currency: string
}

/** Number of decimals of an ISO 4217 currency (JPY 0, EUR 2, KWD 3). Throws UnknownCurrencyError. */
export function currencyDecimals(code: string): number {
  const decimals = lookupCurrencyDecimals(code)
  if (decimals === undefined) throw new UnknownCurrencyError(String(code))
  return decimals
}

export function assertMinorUnits(amountMinor: number, what = 'amount'): number {
  if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor)) {
    throw new InvalidMoneyError(
      `The ${what} must be a whole number of minor units within ±${Number.MAX_SAFE_INTEGER}, got ${String(amountMinor)}`,
      { amountMinor: String(amountMinor) },
    )
  }
  return amountMinor
}

/** Build a validated Money. Throws InvalidMoneyError (not a safe integer) or UnknownCurrencyError. */
export function money(amountMinor: number, currency: string): Money {
  currencyDecimals(currency)
  assertMinorUnits(amountMinor)
  return { amountMinor, currency }
}

/** Validate a Money that came from elsewhere (JSON, database). Returns it unchanged. */
export function assertMoney(value: Money, what = 'amount'): Money {
  if (value === null || typeof value !== 'object') {
    throw new InvalidMoneyError(`The ${what} must be a Money object { amountMinor, currency }`)
  }
  currencyDecimals(value.currency)
  assertMinorUnits(value.amountMinor, what)
  return value
}

export function zeroMoney(currency: string): Money {
  return money(0, currency)
}

function checked(amountMinor: number, currency: string): Money {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new InvalidMoneyError(
      `Result ${amountMinor} minor units of ${currency} is outside the safe integer range (±${Number.MAX_SAFE_INTEGER})`,
    )
  }
  return { amountMinor, currency }
}

export function assertSameCurrency(a: Money, b: Money, context: string): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency, context)
}

/** a + b; both must have the same currency (CurrencyMismatchError otherwise). */
export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'add')
  return checked(a.amountMinor + b.amountMinor, a.currency)
}

/** a − b; both must have the same currency. */
export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b, 'subtract')
  return checked(a.amountMinor - b.amountMinor, a.currency)
}

export function negateMoney(a: Money): Money {
  return { amountMinor: a.amountMinor === 0 ? 0 : -a.amountMinor, currency: a.currency }
}

/** Sum of amounts that must all be in `currency` (given so that an empty list has a currency). */
export function sumMoney(amounts: readonly Money[], currency: string): Money {
  let total = 0
  currencyDecimals(currency)
  for (const amount of amounts) {
    if (amount.currency !== currency) throw new CurrencyMismatchError(currency, amount.currency, 'sum')
    total += amount.amountMinor
  }
  return checked(total, currency)
}

/** −1, 0 or 1; same currency required. */
export function compareMoney(a: Money, b: Money): number {
  assertSameCurrency(a, b, 'compare')
  return Math.sign(a.amountMinor - b.amountMinor)
}

export function isZeroMoney(a: Money): boolean {
  return a.amountMinor === 0
}

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/

/** Parse an exact decimal string ("12.34", "500", "-0.5") in major units into Money. */
export function moneyFromDecimal(text: string, currency: string): Money {
  const decimals = currencyDecimals(currency)
  const match = DECIMAL_TEXT.exec(text.trim())
  if (!match) throw new InvalidMoneyError(`'${text}' is not a decimal amount such as 12.34`)
  const [, sign, whole = '0', fraction = ''] = match
  if (fraction.length > decimals) {
    throw new InvalidMoneyError(`'${text}' has more than the ${decimals} decimal(s) that ${currency} allows`)
  }
  const minor = Number(whole + fraction.padEnd(decimals, '0'))
  return money(sign && minor !== 0 ? -minor : minor, currency)
}

/** Exact decimal string in major units: { 1234, 'EUR' } → "12.34", { 500, 'JPY' } → "500". */
export function moneyToDecimal(value: Money): string {
  const decimals = currencyDecimals(value.currency)
  const negative = value.amountMinor < 0
  const digits = Math.abs(value.amountMinor).toString()
  if (decimals === 0) return `${negative ? '-' : ''}${digits}`
  const padded = digits.padStart(decimals + 1, '0')
  return `${negative ? '-' : ''}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`
}

import { CurrencyMismatchError, InvalidInputError } from '../errors.ts'
import { formatMinor, formatMoney } from '../money/format.ts'
import { type FxTable, fxMinorFactor } from '../money/fx.ts'
import { assertMoney, currencyDecimals, type Money } from '../money/money.ts'
import { mul, ONE, type Ratio, ratio, toDecimalString } from '../money/ratio.ts'
import { assertDate } from '../shared/time.ts'
import type { ConversionFacts, LineItem, RecurringPayment } from './types.ts'

/** The conversion, validated, with amounts as integers in its own currency. */
export interface PreparedConversion {
  readonly event: string
  readonly currency: string
  readonly amount: number
  readonly tax: number
  readonly shipping: number
  readonly items: readonly LineItem[]
  readonly recurring: RecurringPayment | null
  /** A renewal (payment 2+) is priced by recurring rules only. */
  readonly isRenewal: boolean
  /** Factor from conversion minor units to rule-set minor units (1 when the currency is the same). */
  readonly toProgram: Ratio
  /** " at 1 USD = 0.92 EUR" or "" */
  readonly fxText: string
}

/** The common case, checked without building any message: a Money in `currency`, ≥ 0. */
function isAmountIn(value: Money, currency: string): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    value.currency === currency &&
    Number.isSafeInteger(value.amountMinor) &&
    value.amountMinor >= 0
  )
}

function nonNegativeMoney(value: Money, currency: string, what: string): number {
  if (isAmountIn(value, currency)) return value.amountMinor
  assertMoney(value, what)
  if (value.currency !== currency) {
    throw new CurrencyMismatchError(
      currency,
      value.currency,
      'combine',
      `The ${what} is in ${value.currency} but the conversion is in ${currency}`,
    )
  }
  if (value.amountMinor < 0) {
    throw new InvalidInputError(
      `The ${what} must not be negative (refunds are lifecycle events), got ${formatMoney(value)}`,
    )
  }
  return value.amountMinor
}

const NO_ITEMS: readonly LineItem[] = []

export function prepareConversion(
  conversion: ConversionFacts,
  ruleCurrency: string,
  fx: FxTable | null | undefined,
): PreparedConversion {
  if (!conversion || typeof conversion.event !== 'string' || conversion.event.length === 0) {
    throw new InvalidInputError("conversion.event must be 'sale', 'lead', 'signup' or a custom event name")
  }
  assertDate(conversion.occurredAt, 'conversion.occurredAt')
  const currency = assertMoney(conversion.amount, 'conversion amount').currency
  const amount = nonNegativeMoney(conversion.amount, currency, 'conversion amount')
  const tax = conversion.tax ? nonNegativeMoney(conversion.tax, currency, 'tax') : 0
  const shipping = conversion.shipping ? nonNegativeMoney(conversion.shipping, currency, 'shipping') : 0
  if (tax + shipping > amount) {
    throw new InvalidInputError(
      `Tax and shipping (${formatMinor(tax + shipping, currency)}) exceed the conversion amount (${formatMinor(amount, currency)})`,
    )
  }
  const items = conversion.lineItems ?? NO_ITEMS
  let itemsTotal = 0
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (!item || typeof item.sku !== 'string')
      throw new InvalidInputError(`lineItems[${index}].sku must be a string`)
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 0) {
      throw new InvalidInputError(
        `lineItems[${index}].quantity must be a whole number ≥ 0, got ${String(item.quantity)}`,
      )
    }
    // The message names the item, so it is only built when the amount is wrong.
    itemsTotal += isAmountIn(item.amount, currency)
      ? item.amount.amountMinor
      : nonNegativeMoney(item.amount, currency, `lineItems[${index}] amount`)
  }
  if (itemsTotal > amount - tax - shipping) {
    throw new InvalidInputError(
      `Line items add up to ${formatMinor(itemsTotal, currency)}, more than the amount net of tax and shipping (${formatMinor(amount - tax - shipping, currency)})`,
    )
  }
  const recurring = conversion.recurring ?? null
  if (recurring) {
    if (!Number.isSafeInteger(recurring.paymentIndex) || recurring.paymentIndex < 1) {
      throw new InvalidInputError(
        `recurring.paymentIndex must be a whole number ≥ 1, got ${String(recurring.paymentIndex)}`,
      )
    }
    if (!Number.isSafeInteger(recurring.monthsSinceFirstPayment) || recurring.monthsSinceFirstPayment < 0) {
      throw new InvalidInputError(
        `recurring.monthsSinceFirstPayment must be a whole number ≥ 0, got ${String(recurring.monthsSinceFirstPayment)}`,
      )
    }
  }
  let toProgram = ONE
  let fxText = ''
  if (currency !== ruleCurrency) {
    if (!fx) {
      throw new InvalidInputError(
        `The conversion is in ${currency} but the program pays in ${ruleCurrency}: pass an FX table`,
      )
    }
    toProgram = fxMinorFactor(currency, ruleCurrency, fx)
    fxText = ` at 1 ${currency} = ${toDecimalString(majorRate(toProgram, currency, ruleCurrency), 6)} ${ruleCurrency}`
  }
  return {
    event: conversion.event,
    currency,
    amount,
    tax,
    shipping,
    items,
    recurring,
    isRenewal: recurring !== null && recurring.paymentIndex > 1,
    toProgram,
    fxText,
  }
}

/** Minor-unit factor back to a major-unit exchange rate, for the explanation. */
function majorRate(minorFactor: Ratio, from: string, to: string): Ratio {
  const shift = currencyDecimals(from) - currencyDecimals(to)
  return mul(minorFactor, shift >= 0 ? ratio(10 ** shift, 1) : ratio(1, 10 ** -shift))
}

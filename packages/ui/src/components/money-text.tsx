import { formatMoney, type Money, sortByCurrency } from '../format/money.ts'

export interface MoneyListProps {
  readonly values: readonly Money[]
  /** With no amounts, show zero in this currency (e.g. the program's); otherwise a dash. */
  readonly emptyCurrency?: string | null
  readonly locale?: string
}

/** Several currencies, one line each, never added together. */
export function MoneyList({ values, emptyCurrency, locale }: MoneyListProps) {
  if (values.length === 0) {
    return emptyCurrency ? (
      <span className="money-line">{formatMoney({ amountMinor: 0, currency: emptyCurrency }, locale)}</span>
    ) : (
      <span className="money-line is-empty">—</span>
    )
  }
  return (
    <span className="money-list">
      {sortByCurrency(values).map((value) => (
        <span className={value.amountMinor < 0 ? 'money-line negative' : 'money-line'} key={value.currency}>
          {formatMoney(value, locale)}
        </span>
      ))}
    </span>
  )
}

export interface MoneyTextProps {
  readonly value: Money | null | undefined
  readonly locale?: string
}

/** One amount in a table cell; tabular digits so columns line up. */
export function MoneyText({ value, locale }: MoneyTextProps) {
  if (!value) return <span className="muted">—</span>
  return (
    <span className={value.amountMinor < 0 ? 'money negative' : 'money'}>{formatMoney(value, locale)}</span>
  )
}

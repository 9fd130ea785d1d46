import type { RuleProblem } from './commissions/rule-types.ts'

/**
 * Every error thrown by @tandem/core is a CoreError with a stable `code`, so the edge
 * (tRPC, tracker) can map it to a 4xx with a clear message instead of a 500.
 */
export type CoreErrorCode =
  | 'invalid_money'
  | 'unknown_currency'
  | 'currency_mismatch'
  | 'missing_fx_rate'
  | 'invalid_rate'
  | 'invalid_input'
  | 'invalid_rule'
  | 'illegal_transition'
  | 'invariant_violation'

export class CoreError extends Error {
  readonly code: CoreErrorCode
  /** Structured context for logs and API responses (never needed to understand the message). */
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(code: CoreErrorCode, message: string, details?: Readonly<Record<string, unknown>>) {
    super(message)
    this.name = 'CoreError'
    this.code = code
    this.details = details
  }
}

/** An amount that is not a safe integer number of minor units (NaN, 1.5, 2^60, …). */
export class InvalidMoneyError extends CoreError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('invalid_money', message, details)
    this.name = 'InvalidMoneyError'
  }
}

/** A currency code that is not in the ISO 4217 table. */
export class UnknownCurrencyError extends CoreError {
  readonly currency: string
  constructor(currency: string) {
    super(
      'unknown_currency',
      `Unknown currency '${currency}': expected an ISO 4217 code such as EUR, USD or JPY`,
      {
        currency,
      },
    )
    this.name = 'UnknownCurrencyError'
    this.currency = currency
  }
}

/**
 * Two amounts in different currencies were combined without a conversion. `message` replaces
 * the generic text when the caller can name the amounts ("The tax is in USD but …").
 */
export class CurrencyMismatchError extends CoreError {
  readonly left: string
  readonly right: string
  constructor(left: string, right: string, context: string, message?: string) {
    super(
      'currency_mismatch',
      message ?? `Cannot ${context} ${left} and ${right} amounts: convert one of them first with convert()`,
      { left, right },
    )
    this.name = 'CurrencyMismatchError'
    this.left = left
    this.right = right
  }
}

/** The FX table has no rate for a currency that a conversion needs. */
export class MissingFxRateError extends CoreError {
  constructor(from: string, to: string) {
    super('missing_fx_rate', `The FX table has no rate to convert ${from} to ${to}`, { from, to })
    this.name = 'MissingFxRateError'
  }
}

/** A rate that is negative, NaN or not an exact decimal. */
export class InvalidRateError extends CoreError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('invalid_rate', message, details)
    this.name = 'InvalidRateError'
  }
}

/** Any other malformed input: negative amounts where none are allowed, NaN counts, missing partners… */
export class InvalidInputError extends CoreError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('invalid_input', message, details)
    this.name = 'InvalidInputError'
  }
}

/** A lifecycle event that the current state does not allow (approve a rejected conversion…). */
export class IllegalTransitionError extends CoreError {
  readonly from: string
  readonly event: string
  constructor(from: string, event: string, why: string) {
    super('illegal_transition', `Cannot ${event} a conversion that is ${from}: ${why}`, { from, event })
    this.name = 'IllegalTransitionError'
    this.from = from
    this.event = event
  }
}

/** A ledger or payout invariant does not hold. */
export class InvariantViolationError extends CoreError {
  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super('invariant_violation', message, details)
    this.name = 'InvariantViolationError'
  }
}

/** A rule set that fails validateRuleSet(); `problems` lists every problem, not only the first. */
export class InvalidRuleError extends CoreError {
  readonly problems: readonly RuleProblem[]
  constructor(problems: readonly RuleProblem[]) {
    const first = problems[0]
    const summary = first ? first.message : 'invalid rule set'
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : ''
    super('invalid_rule', `Invalid commission rules: ${summary}${more}`, { problems })
    this.name = 'InvalidRuleError'
    this.problems = problems
  }
}

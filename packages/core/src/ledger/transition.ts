import type { Money } from '../money/money.ts'
import type { ConversionEvent, ConversionLifecycle, TransitionResult } from './types.ts'

/** A new conversion's lifecycle: pending until occurredAt + holdDays. */
export function startLifecycle(input: {
  amount: Money
  occurredAt: Date
  holdDays: number
}): ConversionLifecycle {
  throw new Error(`startLifecycle: not implemented yet (${input.holdDays})`)
}

/**
 * Apply an event. Returns the next state and what to do with the ledger rows.
 * Illegal transitions throw IllegalTransitionError; a repeated event changes nothing.
 */
export function transitionConversion(
  current: ConversionLifecycle,
  event: ConversionEvent,
  now: Date,
): TransitionResult {
  throw new Error(
    `transitionConversion: not implemented yet (${current.state} ${event.type} ${now.getTime()})`,
  )
}

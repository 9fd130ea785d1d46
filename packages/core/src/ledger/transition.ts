import { IllegalTransitionError, InvalidInputError } from '../errors.ts'
import { formatMoney } from '../money/format.ts'
import { addMoney, assertMoney, type Money } from '../money/money.ts'
import { addDays, assertDate } from '../shared/time.ts'
import { assertId, assertNonNegative } from '../shared/validate.ts'
import type { ConversionEvent, ConversionLifecycle, ConversionState, TransitionResult } from './types.ts'

const STATES: ReadonlySet<string> = new Set(['pending', 'approved', 'rejected', 'reversed'])

/** A new conversion's lifecycle: pending until occurredAt + holdDays, nothing refunded. */
export function startLifecycle(input: {
  amount: Money
  occurredAt: Date
  holdDays: number
}): ConversionLifecycle {
  assertMoney(input.amount, 'conversion amount')
  if (input.amount.amountMinor < 0) {
    throw new InvalidInputError(`A conversion amount cannot be negative, got ${formatMoney(input.amount)}`)
  }
  const occurredAt = assertDate(input.occurredAt, 'occurredAt')
  const holdDays = assertNonNegative(input.holdDays, 'holdDays')
  return {
    state: 'pending',
    amount: input.amount,
    refunded: { amountMinor: 0, currency: input.amount.currency },
    appliedRefundIds: [],
    holdUntil: addDays(occurredAt, holdDays),
    updatedAt: occurredAt,
    rejectionReason: null,
  }
}

/**
 * Apply an event to a conversion (README.md "Lifecycle"):
 *   pending  --approve / auto_approve (hold over)-->  approved
 *   pending  --reject-->                             rejected   (final)
 *   pending | approved  --refund-->  same state, or reversed when everything is refunded
 * Repeating an event that already took effect (approve twice, the same refundId) changes
 * nothing; any other event the state does not allow throws IllegalTransitionError.
 */
export function transitionConversion(
  current: ConversionLifecycle,
  event: ConversionEvent,
  now: Date,
): TransitionResult {
  assertDate(now, 'now')
  if (!current || !STATES.has(current.state)) {
    throw new InvalidInputError(`Unknown conversion state ${JSON.stringify(current?.state)}`)
  }
  const state = current.state
  switch (event?.type) {
    case 'approve':
      if (state === 'approved') return unchanged(current, 'Already approved.')
      requireState(state, 'approve', ['pending'], 'only a pending conversion can be approved')
      return approved(current, now, 'Approved by a manager.')
    case 'auto_approve':
      if (state === 'approved') return unchanged(current, 'Already approved.')
      requireState(state, 'auto-approve', ['pending'], 'only a pending conversion can be approved')
      if (now.getTime() < current.holdUntil.getTime()) {
        throw new IllegalTransitionError(
          state,
          'auto-approve',
          `its hold period runs until ${current.holdUntil.toISOString()}`,
        )
      }
      return approved(
        current,
        now,
        `Approved automatically: the hold period ended ${current.holdUntil.toISOString()}.`,
      )
    case 'reject': {
      if (state === 'rejected') return unchanged(current, 'Already rejected.')
      requireState(
        state,
        'reject',
        ['pending'],
        'an approved conversion is reversed with a refund, not rejected',
      )
      const reason = event.reason?.trim() || null
      return {
        next: { ...current, state: 'rejected', updatedAt: now, rejectionReason: reason },
        changed: true,
        effect: { type: 'set_row_status', status: 'rejected' },
        explanation: `Rejected${reason ? `: ${reason}` : ''}. Its commissions will never be paid.`,
      }
    }
    case 'refund':
      return refund(current, event, now)
    default:
      throw new InvalidInputError(
        `Unknown conversion event ${JSON.stringify((event as { type?: unknown })?.type)}: use approve, auto_approve, reject or refund`,
      )
  }
}

function requireState(state: ConversionState, action: string, allowed: ConversionState[], why: string): void {
  if (!allowed.includes(state)) throw new IllegalTransitionError(state, action, why)
}

function unchanged(current: ConversionLifecycle, explanation: string): TransitionResult {
  return { next: current, changed: false, effect: { type: 'none' }, explanation }
}

function approved(current: ConversionLifecycle, now: Date, explanation: string): TransitionResult {
  return {
    next: { ...current, state: 'approved', updatedAt: now },
    changed: true,
    effect: { type: 'set_row_status', status: 'approved' },
    explanation,
  }
}

function refund(
  current: ConversionLifecycle,
  event: Extract<ConversionEvent, { type: 'refund' }>,
  now: Date,
): TransitionResult {
  const refundId = assertId(event.refundId, 'refundId')
  if (current.appliedRefundIds.includes(refundId))
    return unchanged(current, `Refund ${refundId} was already applied.`)
  const state = current.state
  requireState(
    state,
    'refund',
    ['pending', 'approved'],
    state === 'reversed'
      ? 'it is already fully refunded'
      : 'a rejected conversion has no commission to reverse',
  )
  const amount = assertMoney(event.amount, 'refund amount')
  if (amount.currency !== current.amount.currency) {
    throw new InvalidInputError(
      `The refund is in ${amount.currency} but the conversion is in ${current.amount.currency}`,
    )
  }
  if (amount.amountMinor <= 0) {
    throw new InvalidInputError(`A refund amount must be greater than zero, got ${formatMoney(amount)}`)
  }
  const refundedAfter = addMoney(current.refunded, amount)
  if (refundedAfter.amountMinor > current.amount.amountMinor) {
    const left = current.amount.amountMinor - current.refunded.amountMinor
    throw new InvalidInputError(
      `Refund ${refundId} of ${formatMoney(amount)} exceeds what is left to refund (${formatMoney({ amountMinor: left, currency: amount.currency })})`,
    )
  }
  const full = refundedAfter.amountMinor === current.amount.amountMinor
  return {
    next: {
      ...current,
      state: full ? 'reversed' : state,
      refunded: refundedAfter,
      appliedRefundIds: [...current.appliedRefundIds, refundId],
      updatedAt: now,
    },
    changed: true,
    effect: { type: 'reverse', refundedBefore: current.refunded, refundedAfter },
    explanation: full
      ? `Fully refunded (${formatMoney(refundedAfter)}): every commission is reversed.`
      : `Partly refunded: ${formatMoney(refundedAfter)} of ${formatMoney(current.amount)}; commissions are reversed in proportion.`,
  }
}

import { DAY_MS } from '../shared/time.ts'
import type { AttributionSettings, ClickTouch } from './types.ts'

/** What a click share's reason needs: the eligible clicks (oldest first) and why others did not count. */
export interface ClickContext {
  readonly clicks: readonly ClickTouch[]
  readonly settings: AttributionSettings
  readonly now: Date
  /** "; 1 click of a was removed: self-referral blocked", or "" when every click in the window counted. */
  readonly removed: string
}

/**
 * Why a partner earns its share of the clicks, with the inputs that decided it: the model and
 * its parameters (position weights, half-life and click ages), the window, and clicks that
 * were in the window but did not count. Builds one reason per partner (see clickShareReasons).
 */
export function clickShareReason(context: ClickContext, indexes: readonly number[]): string {
  return clickShareReasonWith(context, indexes, clickCountText(context))
}

/** "of 3 clicks in the 30-day window": the same for every share of a conversion, built once. */
export function clickCountText(context: ClickContext): string {
  const eligible = context.removed === '' ? '' : 'eligible '
  return `of ${context.clicks.length} ${eligible}clicks in the ${context.settings.windowDays}-day window`
}

/** clickShareReason() with the count text built once per conversion. */
export function clickShareReasonWith(context: ClickContext, indexes: readonly number[], of: string): string {
  const { clicks, settings, removed } = context
  const n = clicks.length
  if (n === 1) {
    const eligible = removed === '' ? '' : 'eligible '
    return `the only ${eligible}click in the ${settings.windowDays}-day window (${clicks[0]!.clickId})${removed}`
  }
  switch (settings.model) {
    case 'last_click':
      return `last click ${of} (${clickIds(clicks, indexes)})${removed}`
    case 'first_click':
      return `first click ${of} (${clickIds(clicks, indexes)})${removed}`
    case 'linear':
      return `${indexes.length} ${of}, linear model${removed}`
    case 'position_based':
      return `${positions(indexes, n)} ${of} (${clickIds(clicks, indexes)}), position based: ${positionRule(n)}${removed}`
    case 'time_decay': {
      const halfLife = trim(settings.halfLifeDays, 2)
      return `${indexes.length} ${of}, time decay with a ${halfLife}-day half-life (weight 2^(−age/${halfLife})): ${decayWeights(context, indexes)}${removed}`
    }
  }
}

function clickIds(clicks: readonly ClickTouch[], indexes: readonly number[]): string {
  let text = clicks[indexes[0]!]!.clickId
  for (let i = 1; i < indexes.length; i++) text += `, ${clicks[indexes[i]!]!.clickId}`
  return text
}

/** "50/50 for two clicks" or "40% first, 40% last, 20% shared by the 2 clicks in between" */
function positionRule(n: number): string {
  if (n === 2) return TWO_CLICKS
  if (n === 3) return THREE_CLICKS
  return `40% first, 40% last, 20% shared by the ${n - 2} clicks in between`
}

const TWO_CLICKS = '50/50 for two clicks'
const THREE_CLICKS = '40% first, 40% last, 20% shared by the 1 click in between'

/** The common position texts, built once. */
const FIRST = 'the first'
const LAST = 'the last'
const FIRST_AND_LAST = 'the first and the last'

/** "the first", "the first and the last", "1 middle", "the first and 2 middle" */
function positions(indexes: readonly number[], n: number): string {
  let first = false
  let last = false
  let middle = 0
  for (const index of indexes) {
    if (index === 0) first = true
    else if (index === n - 1) last = true
    else middle++
  }
  if (middle === 0) return first && last ? FIRST_AND_LAST : first ? FIRST : LAST
  let text = first ? `${FIRST} and ${middle} middle` : `${middle} middle`
  if (last) text += ` and ${LAST}`
  return text
}

/**
 * "k1 14 days old weighs 0.25 of 1.75" (one click) or "k1 … weighs 0.25, k3 … weighs 1;
 * together 1.25 of 1.75". Weights are relative to a click at the conversion time (age 0 = 1).
 */
function decayWeights(context: ClickContext, indexes: readonly number[]): string {
  const { clicks, settings, now } = context
  const weight = (click: ClickTouch) => 2 ** (-ageDays(click, now) / settings.halfLifeDays)
  let total = 0
  for (const click of clicks) total += weight(click)
  let own = 0
  const parts: string[] = []
  for (const index of indexes) {
    const click = clicks[index]!
    own += weight(click)
    parts.push(`${click.clickId} ${days(ageDays(click, now))} old weighs ${trim(weight(click), 4)}`)
  }
  const together = indexes.length > 1 ? `; together ${trim(own, 4)}` : ''
  return `${parts.join(', ')}${together} of ${trim(total, 4)}`
}

function ageDays(click: ClickTouch, now: Date): number {
  return (now.getTime() - click.at.getTime()) / DAY_MS
}

function days(value: number): string {
  const text = trim(value, 2)
  return text === '1' ? '1 day' : `${text} days`
}

/** A number with at most `decimals` decimals, trailing zeros dropped: 0.2500 → "0.25". */
function trim(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals)
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
}

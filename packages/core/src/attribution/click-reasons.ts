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
 * were in the window but did not count.
 */
export function clickShareReason(context: ClickContext, indexes: readonly number[]): string {
  const { clicks, settings, removed } = context
  const n = clicks.length
  const window = `the ${settings.windowDays}-day window`
  const eligible = removed === '' ? '' : 'eligible '
  if (n === 1) return `the only ${eligible}click in ${window} (${clicks[0]!.clickId})${removed}`
  const of = `of ${n} ${eligible}clicks in ${window}`
  switch (settings.model) {
    case 'last_click':
    case 'first_click': {
      const which = settings.model === 'last_click' ? 'last click' : 'first click'
      return `${which} ${of} (${clickIds(clicks, indexes)})${removed}`
    }
    case 'linear':
      return `${indexes.length} ${of}, linear model${removed}`
    case 'position_based':
      return `${positions(indexes, n)} ${of} (${clickIds(clicks, indexes)}), position based: ${positionRule(n)}${removed}`
    case 'time_decay':
      return `${indexes.length} ${of}, time decay with a ${trim(settings.halfLifeDays, 2)}-day half-life (weight 2^(−age/${trim(settings.halfLifeDays, 2)})): ${decayWeights(context, indexes)}${removed}`
  }
}

function clickIds(clicks: readonly ClickTouch[], indexes: readonly number[]): string {
  let text = clicks[indexes[0]!]!.clickId
  for (let i = 1; i < indexes.length; i++) text += `, ${clicks[indexes[i]!]!.clickId}`
  return text
}

/** "50/50 for two clicks" or "40% first, 40% last, 20% shared by the 2 clicks in between" */
function positionRule(n: number): string {
  if (n === 2) return '50/50 for two clicks'
  const between = n === 3 ? 'the 1 click' : `the ${n - 2} clicks`
  return `40% first, 40% last, 20% shared by ${between} in between`
}

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
  let text = first ? 'the first' : ''
  if (middle > 0) text += `${text ? ' and ' : ''}${middle} middle`
  if (last) text += `${text ? ' and ' : ''}the last`
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

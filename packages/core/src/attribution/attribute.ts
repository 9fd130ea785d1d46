import { InvalidInputError } from '../errors.ts'
import { isEarningStatus } from '../shared/partner.ts'
import { formatPpm, PPM } from '../shared/ppm.ts'
import { addMonthsUtc, assertDate, DAY_MS, isoDay, isValidDate } from '../shared/time.ts'
import { assertId, assertNonNegative, isId } from '../shared/validate.ts'
import { type ClickContext, clickCountText, clickShareReason, clickShareReasonWith } from './click-reasons.ts'
import { clickWeights } from './models.ts'
import { matchIdentity } from './self-referral.ts'
import type {
  AttributionFlag,
  AttributionInput,
  AttributionResult,
  AttributionSettings,
  AttributionShare,
  ClickTouch,
} from './types.ts'

const MODELS = new Set(['last_click', 'first_click', 'linear', 'time_decay', 'position_based'])
/**
 * Decide which partner(s) earn a conversion, in this order (README.md "Attribution"):
 * 1. lifetime: an existing referrer still inside `lifetimeMonths` keeps the customer (100%);
 * 2. coupon vs clicks by `couponPrecedence` (the coupon partner takes 100%);
 * 3. clicks inside the window, shared by the model.
 * A partner that is not active, or blocked for self-referral, is removed at every step and
 * the next step decides. Weights are parts per million and sum to exactly 1,000,000.
 */
export function attribute(input: AttributionInput): AttributionResult {
  const { settings } = input
  const now = assertDate(input.now, 'now')
  validateSettings(settings)
  const run: Run = {
    input,
    flags: [],
    notes: [],
    eligibleIds: [],
    named: false,
    ineligibleIds: [],
    ineligibleWhy: null,
    reviews: null,
    needsReview: false,
  }

  // 1. Lifetime attribution.
  const referrer = input.referrer
  if (referrer && settings.lifetimeMonths !== null) {
    const referredAt = assertDate(referrer.referredAt, 'referrer.referredAt')
    assertId(referrer.partnerId, 'referrer.partnerId')
    const until =
      settings.lifetimeMonths === 'forever' ? null : addMonthsUtc(referredAt, settings.lifetimeMonths)
    const span =
      until === null ? 'for life' : `for ${settings.lifetimeMonths} months (until ${isoDay(until)})`
    if (until !== null && now.getTime() >= until.getTime()) {
      run.notes.push(
        `The customer's referrer ${label(run, referrer.partnerId)} kept them ${span}; that has ended.`,
      )
    } else if (referredAt.getTime() > now.getTime()) {
      run.notes.push(`Ignored referrer ${label(run, referrer.partnerId)}: referred after the conversion.`)
    } else if (eligible(run, referrer.partnerId)) {
      const reason = `referred this customer on ${isoDay(referredAt)} and keeps them ${span}`
      return finish(run, [share(referrer.partnerId, PPM, 'lifetime', [], reason)], 'lifetime')
    }
  }

  // 2. Coupon and clicks.
  const coupon = input.coupon
  const couponPartner =
    coupon && eligible(run, assertId(coupon.partnerId, 'coupon.partnerId')) ? coupon : null
  const clicks = clicksInWindow(run, now, settings.windowDays)

  if (couponPartner && (settings.couponPrecedence === 'coupon_first' || clicks.length === 0)) {
    const why =
      clicks.length === 0 ? 'no eligible click in the window' : 'a coupon beats clicks in this program'
    if (clicks.length > 0) run.notes.push(`${clicks.length} eligible click(s) lost to the coupon.`)
    const reason = `coupon ${couponPartner.code} was used (${why})`
    return finish(run, [share(couponPartner.partnerId, PPM, 'coupon', [], reason)], 'coupon')
  }
  if (couponPartner) run.notes.push(`Coupon ${couponPartner.code} lost: clicks beat coupons in this program.`)
  if (clicks.length === 0) return finish(run, [], 'none')

  // 3. Click model.
  const removed = removedClicks(run, now, settings.windowDays)
  if (clicks.length === 1 && removed === '') {
    // The common case, without the model: one click takes everything.
    const click = clicks[0]!
    const reason = `the only click in the ${settings.windowDays}-day window (${click.clickId})`
    return finish(run, [share(click.partnerId, PPM, 'click', [click.clickId], reason)], 'click')
  }
  const weights = clickWeights(clicks, settings.model, settings.halfLifeDays)
  const context: ClickContext = { clicks, settings, now, removed }
  return finish(run, sharesFromClicks(context, weights), 'click')
}

/** State of one attribute() call (plain functions below, no per-call closures: they are on the hot path). */
interface Run {
  readonly input: AttributionInput
  readonly flags: AttributionFlag[]
  readonly notes: string[]
  /** Eligibility per partner, decided once (a conversion has a handful of touches: short lists). */
  readonly eligibleIds: string[]
  /** Whether an eligible partner has a name (else explanations name partners by id, no lookup). */
  named: boolean
  readonly ineligibleIds: string[]
  /** Why each ineligible partner was removed ("self-referral blocked"), parallel to ineligibleIds. */
  ineligibleWhy: string[] | null
  /** Partners attributed although the customer matches them, and what their share's reason adds. */
  reviews: { readonly partnerId: string; readonly why: string }[] | null
  /** Set with a 'self_referral' flag. */
  needsReview: boolean
}

function eligible(run: Run, partnerId: string): boolean {
  if (run.eligibleIds.includes(partnerId)) return true
  if (run.ineligibleIds.includes(partnerId)) return false
  const why = whyIneligible(run, partnerId)
  if (why === null) run.eligibleIds.push(partnerId)
  else {
    run.ineligibleIds.push(partnerId)
    if (run.ineligibleWhy) run.ineligibleWhy.push(why)
    else run.ineligibleWhy = [why]
  }
  return why === null
}

/** How explanations name a partner: its name, or its id. */
function label(run: Run, partnerId: string): string {
  const partner = Object.hasOwn(run.input.partners, partnerId) ? run.input.partners[partnerId] : undefined
  return partner?.name || partnerId
}

/** Status first, then the self-referral policy; null when the partner can earn, else why not. */
function whyIneligible(run: Run, partnerId: string): string | null {
  const { input, flags, notes } = run
  const policy = input.settings.selfReferral
  const partner = Object.hasOwn(input.partners, partnerId) ? input.partners[partnerId] : undefined
  if (!partner || !isEarningStatus(partner.status)) {
    const name = partner?.name || partnerId
    const status = partner ? partner.status : 'unknown'
    const reason = `partner ${name} is ${status} and earns nothing`
    const why = status === 'unknown' ? 'not a partner of this program' : status
    flags.push({ code: 'partner_ineligible', partnerId, reason })
    notes.push(`Ignored ${name}: ${why}.`)
    return why
  }
  if (partner.name) run.named = true
  const match = matchIdentity(partner, input.customer)
  if (!match) return null
  const name = partner.name || partnerId
  const what = match === 'email' ? 'email' : 'IP'
  if (policy === 'allow') {
    notes.push(`The customer matches ${name}'s own ${match}; self-referral is allowed here.`)
    review(
      run,
      partnerId,
      `the customer's ${what} matches ${name}'s own, and self-referral is allowed in this program`,
    )
    return null
  }
  if (policy === 'block' && match === 'email') {
    const reason = `the customer's email matches partner ${name}'s own: self-referral is blocked in this program`
    flags.push({ code: 'self_referral_blocked', partnerId, reason })
    notes.push(`Removed ${name}: ${reason}.`)
    return 'self-referral blocked'
  }
  // 'flag', or an IP-only match under 'block' (a shared IP is weaker evidence): attribute, then review.
  const reason =
    match === 'email'
      ? `the customer's email matches partner ${name}'s own: review for self-referral`
      : `the customer's IP matches one partner ${name} used: review for self-referral`
  flags.push({ code: 'self_referral', partnerId, reason })
  run.needsReview = true
  review(
    run,
    partnerId,
    policy === 'block'
      ? `flagged for review: the customer's IP matches one ${name} used (an IP alone does not block)`
      : `flagged for review: the customer's ${what} matches ${match === 'email' ? `${name}'s own` : `one ${name} used`}`,
  )
  return null
}

/** A partner attributed despite a self-referral match: what its share's reason adds (a rare path). */
function review(run: Run, partnerId: string, why: string): void {
  if (run.reviews) run.reviews.push({ partnerId, why })
  else run.reviews = [{ partnerId, why }]
}

/** A partner attributed despite a self-referral match: its share says so. */
function addReviewReasons(shares: AttributionShare[], reviews: NonNullable<Run['reviews']>): void {
  for (let i = 0; i < shares.length; i++) {
    const found = reviews.find((entry) => entry.partnerId === shares[i]!.partnerId)
    if (found) shares[i] = { ...shares[i]!, reason: `${shares[i]!.reason}; ${found.why}` }
  }
}

function finish(
  run: Run,
  shares: AttributionShare[],
  source: AttributionResult['source'],
): AttributionResult {
  if (run.reviews) addReviewReasons(shares, run.reviews)
  // Every step above gives shares of at least 1 ppm (zero-weight clicks are dropped).
  let headline = shares.length === 0 ? 'No partner earns this conversion.' : ''
  for (const entry of shares) {
    const name = run.named ? label(run, entry.partnerId) : entry.partnerId
    headline += `${headline ? ' ' : ''}${name} ${formatPpm(entry.weightPpm)}: ${entry.reason}.`
  }
  return {
    shares,
    source: shares.length === 0 ? 'none' : source,
    flags: run.flags,
    needsReview: run.needsReview,
    explanation: run.notes.length === 0 ? headline : `${headline} ${run.notes.join(' ')}`,
  }
}

function share(
  partnerId: string,
  weightPpm: number,
  source: AttributionShare['source'],
  clickIds: string[],
  reason: string,
): AttributionShare {
  return { partnerId, weightPpm, source, clickIds, reason }
}

function validateSettings(settings: AttributionSettings): void {
  if (!settings || !MODELS.has(settings.model)) {
    throw new InvalidInputError(
      `Unknown attribution model ${JSON.stringify(settings?.model)}: use last_click, first_click, linear, time_decay or position_based`,
    )
  }
  assertNonNegative(settings.windowDays, 'settings.windowDays')
  if (settings.model === 'time_decay') {
    const halfLife = assertNonNegative(settings.halfLifeDays, 'settings.halfLifeDays')
    if (halfLife === 0)
      throw new InvalidInputError('settings.halfLifeDays must be greater than 0 for time_decay')
  }
  if (settings.couponPrecedence !== 'coupon_first' && settings.couponPrecedence !== 'click_first') {
    throw new InvalidInputError(
      `settings.couponPrecedence must be 'coupon_first' or 'click_first', got ${JSON.stringify(settings.couponPrecedence)}`,
    )
  }
  const lifetime = settings.lifetimeMonths
  if (lifetime !== null && lifetime !== 'forever' && !(Number.isSafeInteger(lifetime) && lifetime >= 0)) {
    throw new InvalidInputError(
      `settings.lifetimeMonths must be a whole number of months, 'forever' or null, got ${String(lifetime)}`,
    )
  }
  const policy = settings.selfReferral
  if (policy !== 'block' && policy !== 'flag' && policy !== 'allow') {
    throw new InvalidInputError(
      `settings.selfReferral must be 'block', 'flag' or 'allow', got ${JSON.stringify(settings.selfReferral)}`,
    )
  }
}

/** Eligible clicks inside [now − windowDays, now], oldest first (ties by click id, so the order is stable). */
function clicksInWindow(run: Run, now: Date, windowDays: number): ClickTouch[] {
  const end = now.getTime()
  const start = end - windowDays * DAY_MS
  const kept: ClickTouch[] = []
  let outside = 0
  let bots = 0
  for (const click of run.input.clicks) {
    // Checked inline: the messages name the click, so they are only built for a bad click.
    if (!isValidDate(click.at)) assertDate(click.at, `click ${click.clickId} at`)
    if (!isId(click.partnerId)) assertId(click.partnerId, `click ${click.clickId} partnerId`)
    const at = click.at.getTime()
    if (click.bot === true) {
      bots++
      const reason = `click ${click.clickId} was bot traffic and earns nothing`
      run.flags.push({ code: 'bot_click', partnerId: click.partnerId, reason })
    } else if (at < start || at > end) outside++
    else if (eligible(run, click.partnerId)) kept.push(click)
  }
  if (bots > 0) run.notes.push(`${bots} bot click(s) were ignored.`)
  if (outside > 0) run.notes.push(`${outside} click(s) outside the ${windowDays}-day window were ignored.`)
  if (kept.length > 1) kept.sort(byTimeThenId)
  return kept
}

function byTimeThenId(a: ClickTouch, b: ClickTouch): number {
  return a.at.getTime() - b.at.getTime() || (a.clickId < b.clickId ? -1 : a.clickId > b.clickId ? 1 : 0)
}

/**
 * "; 1 click of a was removed: self-referral blocked" for clicks inside the window whose partner
 * cannot earn, so a share never calls a click "the only one" when others were dropped.
 */
function removedClicks(run: Run, now: Date, windowDays: number): string {
  if (run.ineligibleWhy === null) return ''
  const end = now.getTime()
  const start = end - windowDays * DAY_MS
  let text = ''
  for (let i = 0; i < run.ineligibleIds.length; i++) {
    const partnerId = run.ineligibleIds[i]!
    let count = 0
    for (const click of run.input.clicks) {
      const at = click.at.getTime()
      if (click.partnerId === partnerId && click.bot !== true && at >= start && at <= end) count++
    }
    if (count === 0) continue
    const clicks = count === 1 ? '1 click' : `${count} clicks`
    text += `; ${clicks} of ${label(run, partnerId)} ${count === 1 ? 'was' : 'were'} removed: ${run.ineligibleWhy[i]}`
  }
  return text
}

/** Sum click weights per partner; the shares keep the exact total of 1,000,000. */
function sharesFromClicks(context: ClickContext, weights: readonly number[]): AttributionShare[] {
  const clicks = context.clicks
  if (clicks.length === 1) {
    const click = clicks[0]!
    return [share(click.partnerId, PPM, 'click', [click.clickId], clickShareReason(context, ONLY_CLICK))]
  }
  // Partners in order of their first click, with their summed weights and clicks.
  const partnerIds: string[] = []
  const partnerWeights: number[] = []
  const partnerClicks: number[][] = []
  for (let index = 0; index < clicks.length; index++) {
    const weight = weights[index] ?? 0
    if (weight === 0) continue
    const click = clicks[index]!
    const at = partnerIds.indexOf(click.partnerId)
    if (at >= 0) {
      partnerWeights[at]! += weight
      partnerClicks[at]!.push(index)
    } else {
      partnerIds.push(click.partnerId)
      partnerWeights.push(weight)
      partnerClicks.push([index])
    }
  }
  const shares: AttributionShare[] = []
  const of = clickCountText(context)
  for (let i = 0; i < partnerIds.length; i++) {
    const indexes = partnerClicks[i]!
    const clickIds: string[] = []
    for (const index of indexes) clickIds.push(clicks[index]!.clickId)
    const reason = clickShareReasonWith(context, indexes, of)
    shares.push(share(partnerIds[i]!, partnerWeights[i]!, 'click', clickIds, reason))
  }
  if (shares.length > 1) shares.sort(byWeightThenId)
  return shares
}

const ONLY_CLICK: readonly number[] = [0]

function byWeightThenId(a: AttributionShare, b: AttributionShare): number {
  return b.weightPpm - a.weightPpm || (a.partnerId < b.partnerId ? -1 : 1)
}

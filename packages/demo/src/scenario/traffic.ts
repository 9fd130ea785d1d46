import { defaultFraudConfig, type FraudScore, scoreClick } from '@tandem/core'
import type { ClickRow } from '@tandem/db'
import { DAY_MS, type SeedContext } from './context.ts'
import { BOT_USER_AGENTS, COUNTRIES, DEVICES, USER_AGENTS } from './names.ts'
import { CAMPAIGN_STARTED_DAYS_AGO, type SeedLink, type SeedPartner, SUSPENDED_DAYS_AGO } from './partners.ts'
import { type Random, WeightedSampler } from './random.ts'

export const HISTORY_DAYS = 90

export interface Visitor {
  readonly hash: string
  readonly ipHash: string
  readonly country: string
  readonly device: string
  readonly userAgent: string
}

// Share of clicks per UTC hour: quiet nights, lunch bump, evening peak (a European shop).
const HOUR_WEIGHTS = [
  0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 1.0, 0.95, 0.9, 0.9, 0.95, 1.0, 1.15, 1.3,
  1.35, 1.2, 0.9, 0.55,
]
const MAX_HOUR_WEIGHT = Math.max(...HOUR_WEIGHTS)
// Sunday … Saturday: people shop for outdoor gear on Sunday evening and Monday.
const WEEKDAY_WEIGHTS = [1.2, 1.1, 1.0, 1.0, 0.95, 0.9, 0.85]
const AMBASSADOR_REFERERS = ['https://www.instagram.com/', 'https://wa.me/', 'https://www.facebook.com/', '']
const PLACEMENTS = ['sidebar', 'inline', 'footer', 'newsletter', 'video-description']

/**
 * Click traffic over the last 90 days: a growing trend with a weekly rhythm and a day-part
 * curve, a spring campaign in the last four weeks, Zipf-skewed partners and links, ~3% bots.
 * Conversions add their own journey clicks through `click()`, so every attributed click exists.
 * Rows name the scenario's keys (program key, partner key, link key) until the replay has the
 * real ids.
 */
export class Traffic {
  readonly clicks: ClickRow[] = []
  readonly startMs: number
  private readonly rng: Random
  private readonly nowMs: number
  private readonly slots: WeightedSampler
  private readonly phaseStarts: number[]
  private readonly phaseSamplers: WeightedSampler[]
  private readonly links: { link: SeedLink; partner: SeedPartner }[]
  private readonly visitors: Visitor[] = []
  private readonly poolSize: number
  private readonly botVisitors: Visitor[] = []
  private readonly recentByLink = new Map<number, Visitor[]>()
  private readonly fraudByAgent = new Map<string, FraudScore>()
  private readonly countries: WeightedSampler
  private readonly devices: WeightedSampler

  constructor(ctx: SeedContext, partners: readonly SeedPartner[], expectedClicks: number) {
    this.rng = ctx.rng.fork('traffic')
    this.nowMs = ctx.nowMs
    // Whole UTC days (the weekday rhythm needs calendar days), the last one ending at `now`.
    this.startMs = Math.floor(ctx.nowMs / DAY_MS) * DAY_MS - (HISTORY_DAYS - 1) * DAY_MS
    this.poolSize = Math.max(100, expectedClicks)
    this.countries = new WeightedSampler(COUNTRIES.map(([, w]) => w))
    this.devices = new WeightedSampler(DEVICES.map(([, w]) => w))

    const slotWeights: number[] = []
    for (let slot = 0; slot < HISTORY_DAYS; slot++) {
      const weekday = new Date(this.startMs + slot * DAY_MS).getUTCDay()
      const trend = 0.75 + (0.5 * slot) / (HISTORY_DAYS - 1)
      const noise = Math.exp(0.08 * this.rng.normal())
      const newsletter = slot === 40 ? 1.6 : 1
      slotWeights.push(trend * (WEEKDAY_WEIGHTS[weekday] ?? 1) * noise * newsletter)
    }
    this.slots = new WeightedSampler(slotWeights)

    this.links = partners
      .filter((p) => p.status === 'active' || p.status === 'suspended')
      .flatMap((partner) => partner.links.map((link) => ({ link, partner })))
    const linkWeightSum = new Map<string, number>()
    for (const { link, partner } of this.links) {
      linkWeightSum.set(partner.key, (linkWeightSum.get(partner.key) ?? 0) + link.weight)
    }
    // Phases: before the campaign links existed, campaign running, after the suspensions.
    this.phaseStarts = [
      this.startMs,
      ctx.nowMs - CAMPAIGN_STARTED_DAYS_AGO * DAY_MS,
      ctx.nowMs - SUSPENDED_DAYS_AGO * DAY_MS,
    ]
    this.phaseSamplers = this.phaseStarts.map(
      (phaseStart) =>
        new WeightedSampler(
          this.links.map(({ link, partner }) => {
            if (link.createdAt.getTime() > phaseStart) return 0
            if (partner.suspendedAt && partner.suspendedAt.getTime() <= phaseStart) return 0
            return (partner.trafficWeight * link.weight) / (linkWeightSum.get(partner.key) ?? 1)
          }),
        ),
    )
    for (let i = 0; i < 200; i++) this.botVisitors.push(this.makeVisitor(true))
  }

  /** A time in the last 90 days, distributed like the traffic. */
  randomTime(): number {
    for (;;) {
      const slot = this.slots.sample(this.rng)
      const t = Math.floor(this.startMs + (slot + this.rng.next()) * DAY_MS)
      const hour = Math.floor((t % DAY_MS) / 3_600_000)
      if (t < this.nowMs && this.rng.next() * MAX_HOUR_WEIGHT <= (HOUR_WEIGHTS[hour] ?? 0)) return t
    }
  }

  /** Background clicks: people and bots who clicked but may never buy. */
  generate(count: number, log: (line: string) => void): void {
    const step = Math.max(1, Math.round(count / 4))
    for (let i = 0; i < count; i++) {
      const ts = this.randomTime()
      const { link, partner } = this.links[this.phaseSampler(ts).sample(this.rng)]!
      const bot = this.rng.chance(partner.botRate)
      let visitor: Visitor
      if (bot) visitor = this.rng.pick(this.botVisitors)
      else {
        // Some people click the same link again (another day, another article): not unique.
        const recent = this.recentByLink.get(link.key) ?? []
        visitor =
          recent.length > 0 && this.rng.chance(0.1)
            ? this.rng.pick(recent)
            : this.visitor(this.visitorIndexAt(ts))
        if (recent.length < 24) recent.push(visitor)
        else recent[this.rng.int(0, 23)] = visitor
        this.recentByLink.set(link.key, recent)
      }
      this.click(link, partner, ts, visitor)
      if ((i + 1) % step === 0) log(`clicks ${i + 1}/${count}`)
    }
  }

  /** People are active for a while: a click draws from the visitors of the weeks around it. */
  private visitorIndexAt(ts: number): number {
    const progress = (ts - this.startMs) / (this.nowMs - this.startMs)
    const window = 0.1
    const index = Math.floor((progress * (1 - window) + this.rng.next() * window) * this.poolSize)
    return Math.min(this.poolSize - 1, Math.max(0, index))
  }

  /** A visitor from the pool (the same index is the same person). */
  visitor(index: number): Visitor {
    let v = this.visitors[index]
    if (!v) {
      v = this.makeVisitor(false)
      this.visitors[index] = v
    }
    return v
  }

  /** A visitor seen nowhere else (a coupon shopper, a referred friend). */
  freshVisitor(): Visitor {
    return this.makeVisitor(false)
  }

  /** Appends one click and returns it. */
  click(link: SeedLink, partner: SeedPartner, ts: number, visitor: Visitor): ClickRow {
    const rng = this.rng
    const fraud = this.fraud(visitor.userAgent)
    const isBot = fraud.flags.some((f) => f.code === 'bot_user_agent')
    const affiliate = partner.type === 'affiliate'
    const tagged = affiliate && !isBot && rng.chance(0.4)
    const row: ClickRow = {
      event_id: rng.uuid(),
      ts,
      // Shaped like the tracker's signed click ids (30 bytes, base64url); the seed does not sign them.
      click_id: rng.token(30),
      program_id: link.programKey,
      partner_id: partner.key,
      link_id: link.key,
      visitor_hash: visitor.hash,
      ip_hash: visitor.ipHash,
      country: visitor.country,
      device: visitor.device,
      user_agent: visitor.userAgent,
      referer: isBot
        ? ''
        : affiliate
          ? `https://${partner.site}/${link.code.replace(/-\d+$/, '')}`
          : rng.pick(AMBASSADOR_REFERERS),
      sub1: tagged ? `post-${rng.int(1, 40)}` : '',
      sub2: tagged ? rng.pick(PLACEMENTS) : '',
      sub3: '',
      sub4: '',
      sub5: '',
      utm_source: partner.slug,
      utm_medium: affiliate ? 'affiliate' : 'referral',
      utm_campaign: link.code,
      is_unique: 0,
      is_bot: isBot ? 1 : 0,
      fraud_score: fraud.score,
      fraud_flags: fraud.flags.map((f) => f.code),
    }
    this.clicks.push(row)
    return row
  }

  /** Sorts by time and marks each visitor's first click on a link as unique. Call once, at the end. */
  finish(): ClickRow[] {
    this.clicks.sort((a, b) => a.ts - b.ts || (a.event_id < b.event_id ? -1 : 1))
    const seen = new Set<string>()
    for (const c of this.clicks) {
      const key = `${c.visitor_hash}|${c.link_id}`
      if (!seen.has(key)) {
        seen.add(key)
        c.is_unique = 1
      }
    }
    return this.clicks
  }

  private phaseSampler(ts: number): WeightedSampler {
    let phase = 0
    for (let i = 1; i < this.phaseStarts.length; i++) if (ts >= (this.phaseStarts[i] as number)) phase = i
    return this.phaseSamplers[phase]!
  }

  /** Core scores each user agent once (decide in core; the seed only picks the agents). */
  private fraud(userAgent: string): FraudScore {
    let score = this.fraudByAgent.get(userAgent)
    if (!score) {
      score = scoreClick({ userAgent, recentClicksFromIpOnLink: 1 }, defaultFraudConfig)
      this.fraudByAgent.set(userAgent, score)
    }
    return score
  }

  private makeVisitor(bot: boolean): Visitor {
    const rng = this.rng
    const device = bot ? 'desktop' : (DEVICES[this.devices.sample(rng)]?.[0] ?? 'desktop')
    return {
      hash: rng.hex(16),
      ipHash: rng.hex(16),
      country: COUNTRIES[this.countries.sample(rng)]?.[0] ?? 'DE',
      device,
      userAgent: bot ? rng.pick(BOT_USER_AGENTS) : rng.pick(USER_AGENTS[device] ?? USER_AGENTS.desktop ?? []),
    }
  }
}

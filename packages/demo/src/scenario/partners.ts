import type { PartnerStatus } from '@tandem/core'
import { hashEmail, type SetPayoutDetailsInput } from '@tandem/services'
import { DAY_MS, daysAgo, HOUR_MS, type SeedContext, scaled } from './context.ts'
import { DEMO_LOGINS } from './demo-logins.ts'
import { fakeIban, slugify } from './identity.ts'
import { CAMPAIGN_WORDS, FIRST_NAMES, LANDING_PATHS, LAST_NAMES, SITE_KINDS, SITE_WORDS } from './names.ts'
import type { GroupKey, ProgramKey } from './programs.ts'
import { SHOP_DOMAIN } from './programs.ts'
import type { Random } from './random.ts'

/** Campaign links (the spring sale) exist from this many days ago; suspensions happened later. */
export const CAMPAIGN_STARTED_DAYS_AGO = 28
export const SUSPENDED_DAYS_AGO = 12
/** A manager holds the payouts of the partner whose conversions look suspicious, before the payout run. */
export const PAYOUT_HOLD_DAYS_AGO = 20

export interface SeedLink {
  /** The scenario's own key (clicks name it); the real id comes from createLink. */
  readonly key: number
  readonly programKey: ProgramKey
  readonly partnerKey: string
  readonly code: string
  readonly name: string
  readonly destinationUrl: string
  readonly createdAt: Date
  /** Created for the spring campaign: no clicks before it started, a lot after. */
  readonly campaign: boolean
  /** Share of the partner's traffic. */
  readonly weight: number
}

export interface SeedCoupon {
  readonly code: string
  readonly percent: number
  readonly createdAt: Date
}

/** What a partner saves as payout details (setPayoutDetails), without the partner id. */
export type SeedPayoutDetails = SetPayoutDetailsInput extends infer T
  ? T extends { partnerId: string }
    ? Omit<T, 'partnerId'>
    : never
  : never

export type Role = 'active' | 'pending' | 'rejected' | 'suspended'

export interface SeedPartner {
  /** The scenario's key for the partner (clicks and journeys name it); the real id comes from createPartner. */
  readonly key: string
  readonly type: 'affiliate' | 'ambassador'
  readonly name: string
  readonly slug: string
  readonly email: string
  readonly emailHash: string
  readonly country: string
  readonly programKey: ProgramKey
  readonly role: Role
  /** Standing in its program at the end of the history (traffic and journeys pick by it). */
  readonly status: PartnerStatus
  readonly groupKey: GroupKey | null
  readonly parentKey: string | null
  readonly createdAt: Date
  /** When a manager approved or rejected the application (null: still pending). */
  readonly decidedAt: Date | null
  readonly suspendedAt: Date | null
  /** Relative click volume, and how well that traffic converts. */
  readonly trafficWeight: number
  readonly quality: number
  readonly botRate: number
  /** Sends suspiciously fast conversions; a manager holds their payouts. */
  readonly suspicious: boolean
  readonly links: SeedLink[]
  readonly coupon: SeedCoupon | null
  /** Null: the partner never completed their payout details. */
  readonly payout: SeedPayoutDetails | null
  /** Has a partner portal account (the demo logins, and a few more), invited after approval. */
  readonly hasAccount: boolean
  /** Where its clicks come from (the Referer host). */
  readonly site: string
}

interface Draft {
  key: string
  type: 'affiliate' | 'ambassador'
  name: string
  contact: string
  slug: string
  email: string
  programKey: ProgramKey
  role: Role
  groupKey: GroupKey | null
  parentKey: string | null
  rank: number
  suspicious: boolean
  createdAt: Date
  country: string
}

const PARTNER_COUNTRIES = ['DE', 'DE', 'DE', 'FR', 'NL', 'AT', 'GB', 'ES', 'IT', 'SE', 'PL', 'US'] as const

/**
 * ~50 partners: affiliates in the affiliate program (a gold group, 2-tier children, a few
 * pending, one rejected, two suspended, one suspicious) and ambassadors in the referral program;
 * their links, coupons, payout details and portal accounts, each with when it happens.
 */
export function buildPartners(ctx: SeedContext): SeedPartner[] {
  const rng = ctx.rng.fork('partners')
  const drafts: Draft[] = [
    ...draftAffiliates(rng, ctx, scaled(ctx, 38, 12)),
    ...draftAmbassadors(rng, ctx, scaled(ctx, 12, 4)),
  ]
  const usedCodes = new Set<string>()
  let nextLinkKey = 1

  return drafts.map((d): SeedPartner => {
    const decidedAt =
      d.role === 'pending'
        ? null
        : new Date(d.createdAt.getTime() + rng.int(1, 3) * DAY_MS + rng.int(1, 8) * HOUR_MS)
    const suspendedAt = d.role === 'suspended' ? daysAgo(ctx, SUSPENDED_DAYS_AGO) : null
    const payout = draftPayout(rng, d)
    const links: SeedLink[] = []
    let coupon: SeedCoupon | null = null
    // Links and coupons are made the day after the approval.
    const toolsAt = decidedAt ? new Date(decidedAt.getTime() + DAY_MS) : null

    if (toolsAt && (d.role === 'active' || d.role === 'suspended')) {
      const linkCount = d.type === 'ambassador' ? 1 : d.rank === 0 ? 4 : rng.int(2, 4)
      for (let i = 0; i < linkCount; i++) {
        const campaign = d.type === 'affiliate' && i === linkCount - 1 && (d.rank === 0 || rng.chance(0.4))
        const code =
          d.type === 'ambassador'
            ? uniqueCode(usedCodes, rng, () => `${d.slug.split('-')[0]}-invites-${rng.int(2, 99)}`)
            : uniqueCode(usedCodes, rng, () =>
                campaign ? `spring-sale-${rng.int(2, 99)}` : `${rng.pick(CAMPAIGN_WORDS)}-${rng.int(2, 99)}`,
              )
        const path = d.type === 'ambassador' ? 'friends' : rng.pick(LANDING_PATHS)
        links.push({
          key: nextLinkKey++,
          programKey: d.programKey,
          partnerKey: d.key,
          code,
          name: campaign ? 'Spring sale' : i === 0 ? 'Main link' : sentenceCase(code.replace(/-\d+$/, '')),
          destinationUrl: `https://${SHOP_DOMAIN}/${path}`,
          createdAt: campaign ? daysAgo(ctx, CAMPAIGN_STARTED_DAYS_AGO) : toolsAt,
          campaign,
          weight: campaign ? 1.5 : 1 / (i + 1) ** 1.3,
        })
      }
      if (d.type === 'ambassador' || d.rank === 0 || rng.chance(0.6)) {
        const percent = d.type === 'ambassador' ? 10 : rng.pick([10, 10, 15])
        // ANNA10, then ANNAS10 (last initial) or TRAILJOURNAL10 when the short form is taken.
        const words = d.slug.split('-')
        const candidates = [
          `${words[0]}${percent}`,
          d.type === 'ambassador'
            ? `${words[0]}${words[1]?.[0] ?? ''}${percent}`
            : `${words.join('').slice(0, 14)}${percent}`,
        ].map((c) => c.toUpperCase())
        const code =
          candidates.find((c) => !usedCodes.has(c)) ?? uniqueCode(usedCodes, rng, () => `${candidates[0]}`)
        usedCodes.add(code)
        coupon = { code, percent, createdAt: toolsAt }
      }
    }

    const status: PartnerStatus = d.role === 'active' ? 'active' : d.role
    return {
      key: d.key,
      type: d.type,
      name: d.name,
      slug: d.slug,
      email: d.email,
      emailHash: hashEmail(d.email),
      country: d.country,
      programKey: d.programKey,
      role: d.role,
      status,
      groupKey: d.groupKey,
      parentKey: d.parentKey,
      createdAt: d.createdAt,
      decidedAt,
      suspendedAt,
      // Zipf-like: a few partners bring most of the traffic.
      trafficWeight: (d.type === 'ambassador' ? 0.35 : 1) / (d.rank + 1) ** 0.85,
      // The demo affiliate converts best, so its portal has the most to show.
      quality: d.rank === 0 ? 2 : Math.min(1.8, Math.max(0.3, rng.logNormal(1, 0.45))),
      botRate: d.role === 'suspended' ? 0.3 : 0.018,
      suspicious: d.suspicious,
      links,
      coupon,
      payout: payout ? payoutDetails(rng, d, payout) : null,
      // The demo partners, plus a few more active partners who also have a portal account.
      hasAccount: d.rank === 0 || (d.role === 'active' && d.rank <= 2),
      site: d.type === 'ambassador' ? 'www.instagram.com' : `${d.slug}.example.net`,
    }
  })
}

function draftAffiliates(rng: Random, ctx: SeedContext, count: number): Draft[] {
  const pending = Math.max(2, Math.round(count * 0.1))
  const roles: Role[] = []
  for (let i = 0; i < count; i++) {
    // Order = traffic rank. Suspended partners are mid-sized; pending and rejected ones are new.
    if (i >= count - pending) roles.push('pending')
    else if (i === count - pending - 1) roles.push('rejected')
    else if (i === 5 || i === 9) roles.push('suspended')
    else roles.push('active')
  }
  const usedNames = new Set<string>()
  const drafts: Draft[] = []
  for (let i = 0; i < count; i++) {
    const role = roles[i] as Role
    const name =
      i === 0
        ? 'Trailwood Outdoor Reviews'
        : uniqueCode(usedNames, rng, () => `${rng.pick(SITE_WORDS)} ${rng.pick(SITE_KINDS)}`)
    const slug = slugify(name)
    const contact = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`
    const isNew = role === 'pending' || role === 'rejected'
    drafts.push({
      key: rng.uuid(),
      type: 'affiliate',
      name,
      contact: i === 0 ? DEMO_LOGINS.affiliate.name : contact,
      slug,
      email: i === 0 ? DEMO_LOGINS.affiliate.email : `partners@${slug}.example.net`,
      programKey: 'affiliate',
      role,
      // Groups are assigned on approval; applicants have none yet.
      groupKey: isNew ? null : role === 'active' && (i <= 2 || i === 4) ? 'gold' : 'standard',
      parentKey: null,
      rank: i,
      suspicious: false,
      createdAt: isNew
        ? daysAgo(ctx, rng.int(1, 9) + rng.next())
        : daysAgo(ctx, rng.int(110, 190) + rng.next()),
      country: rng.pick(PARTNER_COUNTRIES),
    })
  }
  // 2-tier: a few smaller affiliates were recruited by the demo affiliate and by another gold partner.
  const recruiters = [drafts[0], drafts[1]].filter((d): d is Draft => d !== undefined)
  const recruits = drafts.filter((d) => d.role === 'active' && d.groupKey === 'standard').slice(-4)
  recruits.forEach((d, i) => {
    const parent = recruiters[i % 2 === 0 ? 0 : recruiters.length - 1] as Draft
    d.parentKey = parent.key
    // A recruit joins after its parent.
    if (d.createdAt <= parent.createdAt) d.createdAt = new Date(parent.createdAt.getTime() + 7 * DAY_MS)
  })
  // One active affiliate whose conversions come suspiciously fast after the click.
  const suspicious = drafts.find((d) => d.role === 'active' && d.rank >= 3 && d.parentKey === null)
  if (suspicious) suspicious.suspicious = true
  return drafts
}

function draftAmbassadors(rng: Random, ctx: SeedContext, count: number): Draft[] {
  const usedNames = new Set<string>()
  const drafts: Draft[] = []
  for (let i = 0; i < count; i++) {
    const name =
      i === 0
        ? DEMO_LOGINS.ambassador.name
        : uniqueCode(usedNames, rng, () => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`)
    usedNames.add(name)
    const slug = slugify(name)
    const role: Role = i === count - 1 ? 'pending' : 'active'
    drafts.push({
      key: rng.uuid(),
      type: 'ambassador',
      name,
      contact: name,
      slug,
      email: i === 0 ? DEMO_LOGINS.ambassador.email : `${slug.replace('-', '.')}@mail.example`,
      programKey: 'referral',
      role,
      groupKey: null,
      parentKey: null,
      rank: i,
      suspicious: false,
      createdAt:
        role === 'pending'
          ? daysAgo(ctx, rng.int(1, 5) + rng.next())
          : daysAgo(ctx, rng.int(95, 170) + rng.next()),
      country: rng.pick(PARTNER_COUNTRIES),
    })
  }
  return drafts
}

type Method = 'paypal' | 'bank_transfer' | 'wise'

/** The method a partner picks, or null when they never finished entering their details. */
function draftPayout(rng: Random, d: Draft): Method | null {
  if (d.rank === 0) return d.type === 'affiliate' ? 'paypal' : 'bank_transfer'
  const r = rng.next()
  const method: Method | null = r < 0.55 ? 'paypal' : r < 0.85 ? 'bank_transfer' : r < 0.93 ? 'wise' : null
  return method && rng.chance(0.92) ? method : null
}

function payoutDetails(rng: Random, d: Draft, method: Method): SeedPayoutDetails {
  switch (method) {
    case 'bank_transfer':
      return {
        currency: 'EUR',
        method,
        details: {
          accountHolder: d.contact,
          iban: fakeIban(String(rng.int(10_000_000, 99_999_999)), String(rng.int(100_000, 9_999_999_999))),
          bic: 'DEUTDEFFXXX',
        },
      }
    case 'wise':
      return { currency: 'EUR', method, details: { email: d.email, accountHolder: d.contact } }
    case 'paypal':
      return { currency: 'EUR', method, details: { email: d.email } }
  }
}

function uniqueCode(used: Set<string>, rng: Random, make: () => string): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const code = make()
    if (!used.has(code)) {
      used.add(code)
      return code
    }
  }
  // Exhausted the word combinations: a numeric suffix always succeeds.
  let n = 2
  const base = make()
  while (used.has(`${base}-${n}`)) n += rng.int(1, 3)
  used.add(`${base}-${n}`)
  return `${base}-${n}`
}

function sentenceCase(code: string): string {
  const text = code.replace(/-/g, ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

import type { PartnerStatus, PayoutPartner } from '@tandem/core'
import type { Insertable } from 'kysely'
import type {
  CouponsTable,
  EnrollmentStatus,
  LinksTable,
  PartnersTable,
  PartnerType,
  ProgramEnrollmentsTable,
  UsersTable,
} from '../postgres/schema.ts'
import { DAY_MS, daysAgo, json, type SeedContext, scaled } from './context.ts'
import { DEMO_LOGINS } from './demo-logins.ts'
import { emailHash, fakeIban, slugify } from './identity.ts'
import { CAMPAIGN_WORDS, FIRST_NAMES, LANDING_PATHS, LAST_NAMES, SITE_KINDS, SITE_WORDS } from './names.ts'
import type { DemoPrograms } from './programs.ts'
import { SHOP_DOMAIN } from './programs.ts'
import type { Random } from './random.ts'

/** Campaign links (the spring sale) exist from this many days ago; suspensions happened later. */
export const CAMPAIGN_STARTED_DAYS_AGO = 28
export const SUSPENDED_DAYS_AGO = 12

export interface SeedLink {
  readonly id: number
  readonly programId: string
  readonly partnerId: string
  readonly code: string
  readonly createdAt: Date
  /** Created for the spring campaign: no clicks before it started, a lot after. */
  readonly campaign: boolean
  /** Share of the partner's traffic. */
  readonly weight: number
}

export interface SeedPartner {
  readonly id: string
  readonly type: PartnerType
  readonly name: string
  readonly slug: string
  readonly email: string
  readonly emailHash: string
  readonly programId: string
  /** Standing in its program as core sees it (partner status and enrollment combined). */
  readonly status: PartnerStatus
  readonly groupId: string | null
  readonly parentId: string | null
  /** Relative click volume, and how well that traffic converts. */
  readonly trafficWeight: number
  readonly quality: number
  readonly botRate: number
  readonly flagged: boolean
  readonly links: SeedLink[]
  readonly coupon: string | null
  readonly payout: PayoutPartner
  /** Where its clicks come from (the Referer host). */
  readonly site: string
  readonly suspendedAt: Date | null
}

export interface DemoPartners {
  readonly partners: SeedPartner[]
  readonly byId: ReadonlyMap<string, SeedPartner>
  readonly demoAffiliateId: string
  readonly demoAmbassadorId: string
  readonly ownerUserId: string
  readonly managerUserId: string
  readonly partnerRows: Insertable<PartnersTable>[]
  readonly enrollmentRows: Insertable<ProgramEnrollmentsTable>[]
  readonly userRows: Insertable<UsersTable>[]
  readonly linkRows: Insertable<LinksTable>[]
  readonly couponRows: Insertable<CouponsTable>[]
}

type Role = 'active' | 'pending' | 'rejected' | 'suspended'

interface Draft {
  id: string
  type: PartnerType
  name: string
  contact: string
  slug: string
  email: string
  programId: string
  role: Role
  groupId: string | null
  parentId: string | null
  rank: number
  flagged: boolean
  createdAt: Date
  country: string
}

const PARTNER_COUNTRIES = ['DE', 'DE', 'DE', 'FR', 'NL', 'AT', 'GB', 'ES', 'IT', 'SE', 'PL', 'US'] as const

/**
 * ~50 partners: affiliates in the affiliate program (a gold group, 2-tier children, a few
 * pending, one rejected, two suspended, one flagged) and ambassadors in the referral program;
 * their enrollments, links, coupons, payout details, and the demo users.
 */
export function buildPartners(ctx: SeedContext, programs: DemoPrograms, passwordHash: string): DemoPartners {
  const rng = ctx.rng.fork('partners')
  const affiliateCount = scaled(ctx, 38, 12)
  const ambassadorCount = scaled(ctx, 12, 4)
  const drafts: Draft[] = [
    ...draftAffiliates(rng, ctx, programs, affiliateCount),
    ...draftAmbassadors(rng, ctx, programs, ambassadorCount),
  ]

  const partners: SeedPartner[] = []
  const partnerRows: Insertable<PartnersTable>[] = []
  const enrollmentRows: Insertable<ProgramEnrollmentsTable>[] = []
  const linkRows: Insertable<LinksTable>[] = []
  const couponRows: Insertable<CouponsTable>[] = []
  const usedCodes = new Set<string>()
  let nextLinkId = 1

  for (const d of drafts) {
    const status: PartnerStatus = d.role === 'active' ? 'active' : d.role
    const suspendedAt = d.role === 'suspended' ? daysAgo(ctx, SUSPENDED_DAYS_AGO) : null
    const payout = draftPayout(rng, d)
    const links: SeedLink[] = []
    let coupon: string | null = null

    if (d.role === 'active' || d.role === 'suspended') {
      const linkCount = d.type === 'ambassador' ? 1 : d.rank === 0 ? 4 : rng.int(2, 4)
      for (let i = 0; i < linkCount; i++) {
        const campaign = d.type === 'affiliate' && i === linkCount - 1 && (d.rank === 0 || rng.chance(0.4))
        const code =
          d.type === 'ambassador'
            ? uniqueCode(usedCodes, rng, () => `${d.slug.split('-')[0]}-invites-${rng.int(2, 99)}`)
            : uniqueCode(usedCodes, rng, () =>
                campaign ? `spring-sale-${rng.int(2, 99)}` : `${rng.pick(CAMPAIGN_WORDS)}-${rng.int(2, 99)}`,
              )
        const createdAt = campaign
          ? daysAgo(ctx, CAMPAIGN_STARTED_DAYS_AGO)
          : new Date(d.createdAt.getTime() + 2 * DAY_MS)
        const link: SeedLink = {
          id: nextLinkId++,
          programId: d.programId,
          partnerId: d.id,
          code,
          createdAt,
          campaign,
          weight: campaign ? 1.5 : 1 / (i + 1) ** 1.3,
        }
        links.push(link)
        const path = d.type === 'ambassador' ? 'friends' : rng.pick(LANDING_PATHS)
        linkRows.push({
          id: link.id,
          program_id: d.programId,
          partner_id: d.id,
          code,
          name: campaign ? 'Spring sale' : i === 0 ? 'Main link' : sentenceCase(code.replace(/-\d+$/, '')),
          destination_url: `https://${SHOP_DOMAIN}/${path}`,
          status: d.role === 'suspended' ? 'paused' : 'active',
          created_at: createdAt,
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
        coupon =
          candidates.find((c) => !usedCodes.has(c)) ?? uniqueCode(usedCodes, rng, () => `${candidates[0]}`)
        usedCodes.add(coupon)
        couponRows.push({
          id: rng.uuid(),
          program_id: d.programId,
          partner_id: d.id,
          code: coupon,
          discount: json({ kind: 'percent', bps: percent * 100 }),
          status: d.role === 'suspended' ? 'paused' : 'active',
          created_at: new Date(d.createdAt.getTime() + 2 * DAY_MS),
        })
      }
    }

    const hash = emailHash(d.email)
    const partner: SeedPartner = {
      id: d.id,
      type: d.type,
      name: d.name,
      slug: d.slug,
      email: d.email,
      emailHash: hash,
      programId: d.programId,
      status,
      groupId: d.groupId,
      parentId: d.parentId,
      // Zipf-like: a few partners bring most of the traffic.
      trafficWeight: (d.type === 'ambassador' ? 0.35 : 1) / (d.rank + 1) ** 0.85,
      // The demo affiliate converts best, so its portal has the most to show.
      quality: d.rank === 0 ? 2 : Math.min(1.8, Math.max(0.3, rng.logNormal(1, 0.45))),
      botRate: d.role === 'suspended' ? 0.3 : 0.018,
      flagged: d.flagged,
      links,
      coupon,
      payout,
      site: d.type === 'ambassador' ? 'www.instagram.com' : `${d.slug}.example.net`,
      suspendedAt,
    }
    partners.push(partner)

    partnerRows.push({
      id: d.id,
      type: d.type,
      name: d.name,
      email: d.email,
      email_hash: hash,
      country: d.country,
      status: d.role === 'suspended' ? 'suspended' : 'active',
      parent_partner_id: d.parentId,
      payout_method: (payout.payoutMethod?.type as 'paypal' | 'bank_transfer' | 'wise' | undefined) ?? null,
      payout_details: payout.payoutMethod?.detailsComplete ? json(payoutDetails(rng, d, payout)) : null,
      payout_currency: payout.payoutMethod ? 'EUR' : null,
      flagged: d.flagged,
      created_at: d.createdAt,
    })
    const enrollment: EnrollmentStatus = d.role === 'active' ? 'approved' : d.role
    enrollmentRows.push({
      program_id: d.programId,
      partner_id: d.id,
      status: enrollment,
      group_id: d.groupId,
      created_at: d.createdAt,
      decided_at:
        enrollment === 'pending'
          ? null
          : enrollment === 'suspended'
            ? suspendedAt
            : new Date(d.createdAt.getTime() + rng.int(1, 3) * DAY_MS),
    })
  }

  const demoAffiliate = drafts.find((d) => d.type === 'affiliate' && d.rank === 0)!
  const demoAmbassador = drafts.find((d) => d.type === 'ambassador' && d.rank === 0)!
  const adminCreated = daysAgo(ctx, 200)
  const userRows: Insertable<UsersTable>[] = []
  const ownerUserId = rng.uuid()
  const managerUserId = rng.uuid()
  const admins = [
    { id: ownerUserId, login: DEMO_LOGINS.owner },
    { id: managerUserId, login: DEMO_LOGINS.manager },
    { id: rng.uuid(), login: DEMO_LOGINS.viewer },
  ]
  for (const { id, login } of admins) {
    userRows.push({
      id,
      email: login.email,
      password_hash: passwordHash,
      name: login.name,
      kind: 'admin',
      admin_role: login.role,
      partner_id: null,
      created_at: adminCreated,
    })
  }
  // The demo partners, plus a few more active partners who also have a portal account.
  const withAccounts = [
    demoAffiliate,
    demoAmbassador,
    ...drafts.filter((d) => d.role === 'active' && d.rank > 0 && d.rank <= 2),
  ]
  for (const d of withAccounts) {
    const login =
      d === demoAffiliate ? DEMO_LOGINS.affiliate : d === demoAmbassador ? DEMO_LOGINS.ambassador : null
    userRows.push({
      id: rng.uuid(),
      email: login?.email ?? d.email,
      password_hash: passwordHash,
      name: login?.name ?? d.contact,
      kind: 'partner',
      admin_role: null,
      partner_id: d.id,
      created_at: new Date(d.createdAt.getTime() + DAY_MS),
    })
  }

  return {
    partners,
    byId: new Map(partners.map((p) => [p.id, p])),
    demoAffiliateId: demoAffiliate.id,
    demoAmbassadorId: demoAmbassador.id,
    ownerUserId,
    managerUserId,
    partnerRows,
    enrollmentRows,
    userRows,
    linkRows,
    couponRows,
  }
}

function draftAffiliates(rng: Random, ctx: SeedContext, programs: DemoPrograms, count: number): Draft[] {
  const programId = programs.affiliate.id
  const { gold, standard } = programs.affiliate.groups
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
      id: rng.uuid(),
      type: 'affiliate',
      name,
      contact: i === 0 ? DEMO_LOGINS.affiliate.name : contact,
      slug,
      email: i === 0 ? DEMO_LOGINS.affiliate.email : `partners@${slug}.example.net`,
      programId,
      role,
      // Groups are assigned on approval; applicants have none yet.
      groupId: isNewRole(role) ? null : role === 'active' && (i <= 2 || i === 4) ? gold : standard,
      parentId: null,
      rank: i,
      flagged: false,
      createdAt: isNew
        ? daysAgo(ctx, rng.int(1, 9) + rng.next())
        : daysAgo(ctx, rng.int(110, 190) + rng.next()),
      country: rng.pick(PARTNER_COUNTRIES),
    })
  }
  // 2-tier: a few smaller affiliates were recruited by the demo affiliate and by another gold partner.
  const recruiters = [drafts[0], drafts[1]].filter((d): d is Draft => d !== undefined)
  const recruits = drafts.filter((d) => d.role === 'active' && d.groupId === standard).slice(-4)
  recruits.forEach((d, i) => {
    const parent = recruiters[i % 2 === 0 ? 0 : recruiters.length - 1] as Draft
    d.parentId = parent.id
    // A recruit joins after its parent.
    if (d.createdAt <= parent.createdAt) d.createdAt = new Date(parent.createdAt.getTime() + 7 * DAY_MS)
  })
  // One active affiliate with suspicious conversions, flagged for review.
  const flagged = drafts.find((d) => d.role === 'active' && d.rank >= 3 && d.parentId === null)
  if (flagged) flagged.flagged = true
  return drafts
}

function isNewRole(role: Role): boolean {
  return role === 'pending' || role === 'rejected'
}

function draftAmbassadors(rng: Random, ctx: SeedContext, programs: DemoPrograms, count: number): Draft[] {
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
      id: rng.uuid(),
      type: 'ambassador',
      name,
      contact: name,
      slug,
      email: i === 0 ? DEMO_LOGINS.ambassador.email : `${slug.replace('-', '.')}@mail.example`,
      programId: programs.referral.id,
      role,
      groupId: null,
      parentId: null,
      rank: i,
      flagged: false,
      createdAt:
        role === 'pending'
          ? daysAgo(ctx, rng.int(1, 5) + rng.next())
          : daysAgo(ctx, rng.int(95, 170) + rng.next()),
      country: rng.pick(PARTNER_COUNTRIES),
    })
  }
  return drafts
}

function draftPayout(rng: Random, d: Draft): PayoutPartner {
  const status: PartnerStatus = d.role === 'active' ? 'active' : d.role
  if (d.rank === 0) {
    return {
      status,
      payoutMethod: { type: d.type === 'affiliate' ? 'paypal' : 'bank_transfer', detailsComplete: true },
      flagged: d.flagged,
    }
  }
  const r = rng.next()
  const type = r < 0.55 ? 'paypal' : r < 0.85 ? 'bank_transfer' : r < 0.93 ? 'wise' : null
  return {
    status,
    payoutMethod: type ? { type, detailsComplete: rng.chance(0.92) } : null,
    flagged: d.flagged,
  }
}

function payoutDetails(rng: Random, d: Draft, payout: PayoutPartner): Record<string, unknown> {
  switch (payout.payoutMethod?.type) {
    case 'bank_transfer':
      return {
        accountHolder: d.contact,
        iban: fakeIban(String(rng.int(10_000_000, 99_999_999)), String(rng.int(100_000, 9_999_999_999))),
        bic: 'DEUTDEFFXXX',
      }
    case 'wise':
      return { email: d.email, accountHolder: d.contact }
    default:
      return { email: d.email }
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

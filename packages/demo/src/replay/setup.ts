import { loadConversionProgram } from '@tandem/db'
import {
  acceptInvitation,
  assignPartnerGroup,
  createCoupon,
  createLink,
  createPartner,
  createPartnerGroup,
  createProgram,
  inviteAdmin,
  invitePartnerUser,
  publishRuleSet,
  setCouponStatus,
  setEnrollmentStatus,
  setLinkStatus,
  setPartnerStatus,
  setPayoutDetails,
  setPayoutHold,
} from '@tandem/services'
import { HOUR_MS, MINUTE_MS } from '../scenario/context.ts'
import { DEMO_LOGINS, DEMO_PASSWORD } from '../scenario/demo-logins.ts'
import { PAYOUT_HOLD_DAYS_AGO, type SeedPartner } from '../scenario/partners.ts'
import type { GroupKey, ProgramSpec } from '../scenario/programs.ts'
import type { Scenario } from '../scenario/scenario.ts'
import type { Replay } from './replay-context.ts'
import { RANK } from './timeline.ts'

/**
 * Schedules everything that exists before (or besides) the shop's orders, each at the moment it
 * happens, through the same commands the portals call: the team and its logins, the programs with
 * their groups and rule sets, partner applications and the manager's decisions, payout details,
 * partner logins, links and coupons, the suspensions and a payout hold.
 */
export function scheduleSetup(r: Replay, scenario: Scenario): void {
  const { programs } = scenario
  const firstProgramAt = Math.min(
    programs.affiliate.createdAt.getTime(),
    programs.referral.createdAt.getTime(),
  )
  setup(r, firstProgramAt - 2 * HOUR_MS, async () => {
    // The owner sets up the account; they invite the rest of the team.
    r.ids.users.set('owner', await admin(r, 'owner', firstProgramAt - 2 * HOUR_MS))
    r.ids.users.set('manager', await admin(r, 'manager', firstProgramAt - HOUR_MS))
    r.ids.users.set('viewer', await admin(r, 'viewer', firstProgramAt - HOUR_MS))
  })
  for (const spec of [programs.affiliate, programs.referral]) {
    setup(r, spec.createdAt.getTime(), () => createDemoProgram(r, spec, scenario.historyStartMs))
  }
  for (const partner of scenario.partners) schedulePartner(r, partner)
}

function setup(r: Replay, at: number, run: () => Promise<void>): void {
  r.timeline.add({ at, rank: RANK.setup, run })
}

/** An admin login: invited (by the system for the owner, else by the owner), accepted minutes later. */
async function admin(r: Replay, key: 'owner' | 'manager' | 'viewer', at: number): Promise<string> {
  const login = DEMO_LOGINS[key]
  const inviter = key === 'owner' ? r.system : { type: 'user' as const, id: r.ids.user('owner') }
  const invitation = await inviteAdmin(r.at(at, inviter), {
    email: login.email,
    name: login.name,
    role: login.role,
  })
  const user = await acceptInvitation(r.at(at + 5 * MINUTE_MS, r.system), {
    token: invitation.token,
    password: DEMO_PASSWORD,
  })
  return user.userId
}

async function createDemoProgram(r: Replay, spec: ProgramSpec, historyStartMs: number): Promise<void> {
  const at = spec.createdAt.getTime()
  const owner = r.at(at, { type: 'user', id: r.ids.user('owner') })
  const created = await createProgram(owner, spec.input)
  const groupIds = {} as Record<GroupKey, string>
  for (const g of spec.groups) {
    const group = await createPartnerGroup(owner, { programId: created.id, slug: g.slug, name: g.name })
    groupIds[g.key] = group.id
    r.ids.groups.set(g.key, group.id)
  }
  const rules = spec.rules(groupIds)
  if (rules.length > 0) {
    await publishRuleSet(owner, {
      programId: created.id,
      rules,
      effectiveFrom: new Date(Math.min(historyStartMs, at)),
      note: 'Launch rules',
    })
  }
  const program = await loadConversionProgram(r.db, { id: created.id })
  if (!program) throw new Error(`demo seed: program ${spec.input.slug} vanished after it was created`)
  r.ids.programs.set(spec.key, program)
}

function schedulePartner(r: Replay, p: SeedPartner): void {
  const manager = (at: number) => r.at(at, { type: 'user', id: r.ids.user('manager') })
  const self = (at: number) => r.at(at, { type: 'partner', id: r.ids.partner(p.key) })
  const programId = () => r.ids.program(p.programKey).id
  const created = p.createdAt.getTime()

  // The application: a partner signs up and applies to the program.
  setup(r, created, async () => {
    const { id } = await createPartner(r.at(created, r.system), {
      type: p.type,
      name: p.name,
      email: p.email,
      country: p.country,
      parentPartnerId: p.parentKey ? r.ids.partner(p.parentKey) : null,
      enrollments: [{ programId: programId(), status: 'pending' }],
    })
    r.ids.partners.set(p.key, id)
  })
  if (p.payout) {
    const payout = p.payout
    setup(r, created + HOUR_MS, async () => {
      await setPayoutDetails(self(created + HOUR_MS), { partnerId: r.ids.partner(p.key), ...payout })
    })
  }
  if (p.decidedAt) {
    const at = p.decidedAt.getTime()
    setup(r, at, async () => {
      const partnerId = r.ids.partner(p.key)
      await setEnrollmentStatus(manager(at), {
        programId: programId(),
        partnerId,
        status: p.role === 'rejected' ? 'rejected' : 'approved',
        ...(p.role === 'rejected' ? { reason: 'The site does not fit the program' } : {}),
      })
      if (p.groupKey) {
        await assignPartnerGroup(manager(at), {
          programId: programId(),
          partnerId,
          groupId: r.ids.groups.get(p.groupKey) ?? null,
        })
      }
    })
    if (p.hasAccount) {
      const invitedAt = at + 2 * HOUR_MS
      setup(r, invitedAt, async () => {
        const invitation = await invitePartnerUser(manager(invitedAt), { partnerId: r.ids.partner(p.key) })
        await acceptInvitation(r.at(invitedAt + 30 * MINUTE_MS, r.system), {
          token: invitation.token,
          password: DEMO_PASSWORD,
        })
      })
    }
  }
  for (const link of p.links) {
    const at = link.createdAt.getTime()
    setup(r, at, async () => {
      const created = await createLink(self(at), {
        programId: programId(),
        partnerId: r.ids.partner(p.key),
        code: link.code,
        name: link.name,
        destinationUrl: link.destinationUrl,
      })
      r.ids.links.set(link.key, created.id)
    })
  }
  if (p.coupon) {
    const coupon = p.coupon
    const at = coupon.createdAt.getTime()
    setup(r, at, async () => {
      const created = await createCoupon(manager(at), {
        programId: programId(),
        partnerId: r.ids.partner(p.key),
        code: coupon.code,
        discount: { kind: 'percent', bps: coupon.percent * 100 },
      })
      r.ids.coupons.set(coupon.code, created.id)
    })
  }
  if (p.suspendedAt) {
    const at = p.suspendedAt.getTime()
    setup(r, at, async () => {
      const partnerId = r.ids.partner(p.key)
      const reason = 'Bot traffic on tracking links'
      await setEnrollmentStatus(manager(at), {
        programId: programId(),
        partnerId,
        status: 'suspended',
        reason,
      })
      await setPartnerStatus(manager(at), { partnerId, status: 'suspended', reason })
      for (const link of p.links)
        await setLinkStatus(manager(at), { linkId: r.ids.link(link.key), status: 'paused' })
      const couponId = p.coupon ? r.ids.coupons.get(p.coupon.code) : undefined
      if (couponId) await setCouponStatus(manager(at), { couponId, status: 'paused' })
    })
  }
  if (p.suspicious) {
    const at = r.nowMs - PAYOUT_HOLD_DAYS_AGO * 86_400_000
    setup(r, at, async () => {
      await setPayoutHold(manager(at), {
        partnerId: r.ids.partner(p.key),
        reason: 'Many conversions seconds after the click: under review',
      })
    })
  }
}

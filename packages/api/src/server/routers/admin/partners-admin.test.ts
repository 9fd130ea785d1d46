import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { adminClient } from '../../../test-support/clients.ts'
import { loggedInAdmin } from '../../../test-support/logged-in-clients.ts'

type Api = Awaited<ReturnType<ReturnType<typeof adminClient>['api']>>

describe('admin partners.* (create, invite, decide, groups, links, coupons, notes)', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let manager: Api
  let viewer: Api
  let programId: string
  let partnerId: string

  beforeAll(async () => {
    stores = await openTestStores()
    manager = await (await loggedInAdmin(stores, 'manager')).api()
    viewer = await (await loggedInAdmin(stores, 'viewer')).api()
    programId = (
      await manager.programs.create({
        slug: 'partner-shop',
        kind: 'affiliate',
        currency: 'EUR',
        name: 'Partner Shop',
        allowedDomains: ['shop.example'],
        defaultLandingUrl: 'https://shop.example/',
      })
    ).id
    partnerId = (
      await manager.partners.create({
        type: 'affiliate',
        name: 'Ada Lovelace',
        email: 'ada@partners.example',
        enrollments: [{ programId, status: 'pending' }],
      })
    ).id
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('approves an application with a reason, undoes it, and keeps both in the audit trail', async () => {
    await manager.partners.setEnrollmentStatus({
      programId,
      partnerId,
      status: 'approved',
      reason: 'Good site',
    })
    await manager.partners.setEnrollmentStatus({ programId, partnerId, status: 'pending', reason: 'Undo' })
    await manager.partners.setEnrollmentStatus({ programId, partnerId, status: 'approved' })
    const detail = await viewer.partners.get({ partnerId })
    expect(detail.enrollments).toMatchObject([{ programId, status: 'approved' }])
    const reasons = detail.audit.filter((a) => a.action === 'enrollment.set_status').map((a) => a.data.reason)
    expect(reasons).toEqual([null, 'Undo', 'Good site'])
    expect(detail.audit.every((a) => a.actorType !== 'user' || a.actorName !== null)).toBe(true)
  })

  it('makes links, coupons, groups, notes and an invitation link; suspends and reinstates', async () => {
    const link = await manager.partners.createLink({
      programId,
      partnerId,
      destinationUrl: 'https://shop.example/shoes',
      code: 'ada-shoes',
    })
    expect(link.trackingUrl).toBe('https://go.example/r/ada-shoes')
    await manager.partners.createCoupon({ programId, partnerId, code: 'ADA10' })
    const group = await manager.partners.createGroup({ programId, slug: 'gold', name: 'Gold' })
    await manager.partners.assignGroup({ programId, partnerId, groupId: group.id })
    await manager.partners.addNote({ partnerId, note: 'Met at the fair' })
    await manager.partners.setPayoutHold({ partnerId, reason: 'Check tax form' })
    await manager.partners.setStatus({ partnerId, status: 'suspended', reason: 'Spam' })
    await manager.partners.setStatus({ partnerId, status: 'active' })
    await manager.partners.setLinkStatus({ linkId: link.id, status: 'paused' })
    const invite = await manager.partners.invite({ partnerId })
    expect(invite.url).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/)
    const d = await viewer.partners.get({ partnerId })
    expect(d).toMatchObject({
      status: 'active',
      payoutHoldReason: 'Check tax form',
      links: [{ code: 'ada-shoes', status: 'paused' }],
      coupons: [{ code: 'ADA10' }],
      enrollments: [{ groupName: 'Gold' }],
    })
    expect(d.audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['partner.note_added', 'link.created', 'coupon.created']),
    )
    expect(d.activity.byDay).toHaveLength(30)
  })

  it('refuses viewers every mutation', async () => {
    const calls: (() => Promise<unknown>)[] = [
      () => viewer.partners.create({ type: 'affiliate', name: 'X', email: 'x@p.example' }),
      () => viewer.partners.invite({ partnerId }),
      () => viewer.partners.setEnrollmentStatus({ programId, partnerId, status: 'rejected' }),
      () => viewer.partners.setStatus({ partnerId, status: 'suspended' }),
      () => viewer.partners.setPayoutHold({ partnerId, reason: null }),
      () => viewer.partners.addNote({ partnerId, note: 'x' }),
      () => viewer.partners.createGroup({ programId, slug: 'x', name: 'X' }),
      () => viewer.partners.assignGroup({ programId, partnerId, groupId: null }),
      () => viewer.partners.createLink({ programId, partnerId }),
      () => viewer.partners.setLinkStatus({ linkId: 1, status: 'active' }),
      () => viewer.partners.createCoupon({ programId, partnerId, code: 'XX' }),
      () => viewer.partners.setCouponStatus({ couponId: crypto.randomUUID(), status: 'active' }),
    ]
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('answers bad input with BAD_REQUEST and a message', async () => {
    const bad: [() => Promise<unknown>, RegExp][] = [
      [() => manager.partners.create({ type: 'affiliate', name: 'X', email: 'not-an-email' }), /email/],
      [
        () => manager.partners.setEnrollmentStatus({ programId, partnerId, status: 'gone' as 'approved' }),
        /status/,
      ],
      [() => manager.partners.addNote({ partnerId, note: '   ' }), /note/],
      [() => manager.partners.setPayoutHold({ partnerId, reason: '' }), /reason/],
      [() => manager.partners.createGroup({ programId, slug: 'Bad Slug', name: 'X' }), /slug/],
      [
        () => manager.partners.createLink({ programId, partnerId, destinationUrl: 'https://evil.example/' }),
        /destinationUrl/,
      ],
      [() => manager.partners.createLink({ programId, partnerId, code: 'a b' }), /code/],
      [() => manager.partners.createCoupon({ programId, partnerId, code: '!' }), /code/],
      [() => manager.partners.setLinkStatus({ linkId: -1, status: 'active' }), /linkId/],
      [() => manager.partners.setCouponStatus({ couponId: 'x', status: 'active' }), /couponId/],
      [() => manager.partners.assignGroup({ programId, partnerId: 'x', groupId: null }), /partnerId/],
      [() => manager.partners.setStatus({ partnerId, status: 'gone' as 'active' }), /status/],
      [() => manager.partners.invite({ partnerId: 'x' }), /partnerId/],
    ]
    for (const [call, message] of bad) {
      await expect(call()).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(message),
      })
    }
  })
})

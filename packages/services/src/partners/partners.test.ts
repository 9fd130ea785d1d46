import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newPartner, newProgram, tag, testContext } from '../testing/setup.ts'
import {
  assignPartnerGroup,
  createPartner,
  createPartnerGroup,
  enrollPartner,
  hashEmail,
  setEnrollmentStatus,
  setPartnerStatus,
} from './partners.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const enrollment = (programId: string, partnerId: string) =>
  stores.db
    .selectFrom('program_enrollments')
    .selectAll()
    .where('program_id', '=', programId)
    .where('partner_id', '=', partnerId)
    .executeTakeFirstOrThrow()

describe('partners', () => {
  it('creates a partner enrolled in a program, with the email hash self-referral checks use', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const email = `Grace-${tag()}@Partners.Example`
    const { id } = await createPartner(ctx, {
      type: 'ambassador',
      name: 'Grace',
      email,
      country: 'de',
      enrollments: [{ programId: program.id, status: 'pending' }],
    })
    const row = await stores.db
      .selectFrom('partners')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      email: email.toLowerCase(),
      email_hash: hashEmail(email),
      country: 'DE',
      type: 'ambassador',
    })
    expect(await enrollment(program.id, id)).toMatchObject({ status: 'pending', decided_at: null })
    // The same email in another case is the same person.
    await expect(
      createPartner(ctx, { type: 'affiliate', name: 'Again', email: email.toUpperCase() }),
    ).rejects.toMatchObject({ code: 'conflict' })
  })

  it('approves with a reason in the audit row; the same status again writes nothing', async () => {
    const ctx = testContext(stores.db, { type: 'user', id: '22222222-2222-4222-8222-222222222222' })
    const program = await newProgram(ctx)
    const { id } = await newPartner(ctx, program.id, {
      enrollments: [{ programId: program.id, status: 'pending' }],
    })
    const first = await setEnrollmentStatus(ctx, {
      programId: program.id,
      partnerId: id,
      status: 'rejected',
      reason: 'no website',
    })
    const again = await setEnrollmentStatus(ctx, { programId: program.id, partnerId: id, status: 'rejected' })
    expect([first.changed, again.changed]).toEqual([true, false])
    const undo = await setEnrollmentStatus(ctx, {
      programId: program.id,
      partnerId: id,
      status: 'approved',
      reason: 'undo',
    })
    expect(undo.changed).toBe(true)
    const audit = await stores.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('entity_id', '=', `${program.id}:${id}`)
      .orderBy('id')
      .execute()
    expect(
      audit.map((a) => [a.action, a.data.from ?? null, a.data.to ?? a.data.status, a.data.reason ?? null]),
    ).toEqual([
      ['enrollment.applied', null, 'pending', null],
      ['enrollment.set_status', 'pending', 'rejected', 'no website'],
      ['enrollment.set_status', 'rejected', 'approved', 'undo'],
    ])
  })

  it('enrolling twice is one enrollment; a group of another program is refused', async () => {
    const ctx = testContext(stores.db)
    const a = await newProgram(ctx)
    const b = await newProgram(ctx)
    const { id } = await newPartner(ctx, a.id)
    expect(await enrollPartner(ctx, { partnerId: id, programId: b.id, status: 'pending' })).toEqual({
      created: true,
    })
    expect(await enrollPartner(ctx, { partnerId: id, programId: b.id, status: 'pending' })).toEqual({
      created: false,
    })
    const gold = await createPartnerGroup(ctx, { programId: a.id, slug: 'gold', name: 'Gold' })
    await expect(
      createPartnerGroup(ctx, { programId: a.id, slug: 'gold', name: 'Gold 2' }),
    ).rejects.toMatchObject({ code: 'conflict' })
    await assignPartnerGroup(ctx, { programId: a.id, partnerId: id, groupId: gold.id })
    expect((await enrollment(a.id, id)).group_id).toBe(gold.id)
    await expect(
      assignPartnerGroup(ctx, { programId: b.id, partnerId: id, groupId: gold.id }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })

  it('suspends and reinstates a partner', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const { id } = await newPartner(ctx, program.id)
    expect(
      await setPartnerStatus(ctx, { partnerId: id, status: 'suspended', reason: 'cookie stuffing' }),
    ).toEqual({ changed: true })
    const row = await stores.db
      .selectFrom('partners')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('suspended')
    expect(await setPartnerStatus(ctx, { partnerId: id, status: 'active' })).toEqual({ changed: true })
  })
})

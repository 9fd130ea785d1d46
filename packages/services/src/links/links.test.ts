import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateProgram } from '../programs/programs.ts'
import { newPartner, newProgram, tag, testContext } from '../testing/setup.ts'
import { createCoupon, createLink, setLinkStatus } from './links.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

describe('links and coupons', () => {
  it('creates a link with a random code on the landing page, or a custom alias and deep link', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const partner = await newPartner(ctx, program.id)
    const plain = await createLink(ctx, { programId: program.id, partnerId: partner.id })
    expect(plain.code).toMatch(/^[a-z2-9]{8}$/)
    expect(plain.destinationUrl).toBe('https://shop.example/')
    const alias = `spring-${tag()}`
    const deep = await createLink(ctx, {
      programId: program.id,
      partnerId: partner.id,
      code: alias,
      destinationUrl: 'https://shop.example/tents?color=green',
    })
    const row = await stores.db
      .selectFrom('links')
      .selectAll()
      .where('id', '=', deep.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      code: alias,
      destination_url: 'https://shop.example/tents?color=green',
      status: 'active',
    })
    await expect(
      createLink(ctx, { programId: program.id, partnerId: partner.id, code: alias }),
    ).rejects.toMatchObject({
      code: 'conflict',
    })
  })

  it('deep links go to the exact allowed hosts unless the program allows subdomains', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const partner = await newPartner(ctx, program.id)
    const sub = {
      programId: program.id,
      partnerId: partner.id,
      destinationUrl: 'https://blog.shop.example/post',
    }
    await expect(createLink(ctx, sub)).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(
      createLink(ctx, { ...sub, destinationUrl: 'https://shop.example.evil.test/' }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
    await updateProgram(ctx, { programId: program.id, deepLinkSubdomains: true })
    expect((await createLink(ctx, sub)).destinationUrl).toBe('https://blog.shop.example/post')
  })

  it('only approved partners get links; a partner acting alone only touches their own', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const pending = await newPartner(ctx, program.id, {
      enrollments: [{ programId: program.id, status: 'pending' }],
    })
    await expect(createLink(ctx, { programId: program.id, partnerId: pending.id })).rejects.toMatchObject({
      code: 'illegal_transition',
    })
    const owner = await newPartner(ctx, program.id)
    const other = await newPartner(ctx, program.id)
    const asOther = testContext(stores.db, { type: 'partner', id: other.id })
    await expect(createLink(asOther, { programId: program.id, partnerId: owner.id })).rejects.toMatchObject({
      code: 'not_found',
    })
    const link = await createLink(testContext(stores.db, { type: 'partner', id: owner.id }), {
      programId: program.id,
      partnerId: owner.id,
    })
    await expect(setLinkStatus(asOther, { linkId: link.id, status: 'paused' })).rejects.toMatchObject({
      code: 'not_found',
    })
    expect(await setLinkStatus(ctx, { linkId: link.id, status: 'paused' })).toEqual({ changed: true })
  })

  it('coupon codes are unique per program whatever their case', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const partner = await newPartner(ctx, program.id)
    const code = `SAVE${tag()}`
    await createCoupon(ctx, {
      programId: program.id,
      partnerId: partner.id,
      code,
      discount: { kind: 'percent', bps: 1000 },
    })
    await expect(
      createCoupon(ctx, { programId: program.id, partnerId: partner.id, code: code.toLowerCase() }),
    ).rejects.toMatchObject({ code: 'conflict' })
    const other = await newProgram(ctx)
    const there = await newPartner(ctx, other.id)
    expect((await createCoupon(ctx, { programId: other.id, partnerId: there.id, code })).code).toBe(code)
  })
})

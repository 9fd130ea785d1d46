import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newProgram, testContext } from '../testing/setup.ts'
import { createProgram, rotatePostbackCredentials, setProgramStatus, updateProgram } from './programs.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const auditOf = (id: string) =>
  stores.db
    .selectFrom('audit_log')
    .select(['action', 'data', 'actor_type', 'actor_id'])
    .where('entity_id', '=', id)
    .orderBy('id')
    .execute()

describe('programs', () => {
  it('creates a program with random postback credentials and an audit row naming the actor', async () => {
    const ctx = testContext(stores.db, { type: 'user', id: '11111111-1111-4111-8111-111111111111' })
    const a = await newProgram(ctx)
    const b = await newProgram(ctx)
    expect(a.postbackToken).toMatch(/^tok_[A-Za-z0-9_-]{32}$/)
    expect(a.postbackHmacSecret).toMatch(/^[0-9a-f]{64}$/)
    expect(a.postbackToken).not.toBe(b.postbackToken)
    const row = await stores.db
      .selectFrom('programs')
      .selectAll()
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow()
    expect(row.postback_token).toBe(a.postbackToken)
    expect(row.hold_days).toBe(30)
    expect(row.deep_link_subdomains).toBe(false)
    expect(await auditOf(a.id)).toEqual([
      {
        action: 'program.created',
        actor_type: 'user',
        actor_id: '11111111-1111-4111-8111-111111111111',
        data: { slug: a.slug, kind: 'affiliate', currency: 'EUR' },
      },
    ])
  })

  it('refuses a taken slug, a landing page off its domains, a bad fraud pattern and unknown fields', async () => {
    const ctx = testContext(stores.db)
    const created = await newProgram(ctx)
    await expect(newProgram(ctx, { slug: created.slug })).rejects.toMatchObject({ code: 'conflict' })
    await expect(newProgram(ctx, { defaultLandingUrl: 'https://evil.example/' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('evil.example is not one of the program'),
    })
    await expect(
      newProgram(ctx, { fraud: { botUserAgent: { extraPatterns: ['good', '(unclosed'] } } }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(
        'fraud.botUserAgent.extraPatterns.1: is not a valid regular expression',
      ),
    })
    await expect(newProgram(ctx, { currency: 'XYZ' })).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(
      createProgram(ctx, {
        slug: 'shop-extra',
        kind: 'affiliate',
        currency: 'EUR',
        name: 'x',
        allowedDomains: ['shop.example'],
        defaultLandingUrl: 'https://shop.example/',
        // @ts-expect-error: not a program field
        postbackToken: 'chosen-by-the-caller',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('updates settings with the old and new values in the audit row; an unchanged save writes nothing', async () => {
    const ctx = testContext(stores.db)
    const { id } = await newProgram(ctx)
    await updateProgram(ctx, { programId: id, holdDays: 14, attribution: { model: 'linear', windowDays: 7 } })
    await updateProgram(ctx, { programId: id, holdDays: 14 })
    const row = await stores.db
      .selectFrom('programs')
      .select(['hold_days', 'attribution'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.hold_days).toBe(14)
    expect(row.attribution).toMatchObject({ model: 'linear', windowDays: 7 })
    const audit = await auditOf(id)
    expect(audit.map((a) => a.action)).toEqual(['program.created', 'program.updated'])
    expect(audit[1]?.data).toMatchObject({ changes: { holdDays: { from: 30, to: 14 } } })
  })

  it('rotates postback credentials and keeps the previous ones valid for the grace period', async () => {
    const ctx = testContext(stores.db)
    const created = await newProgram(ctx)
    const rotated = await rotatePostbackCredentials(ctx, { programId: created.id, graceHours: 2 })
    expect(rotated.postbackToken).not.toBe(created.postbackToken)
    expect(rotated.previousValidUntil.getTime()).toBe(ctx.now().getTime() + 2 * 3_600_000)
    const row = await stores.db
      .selectFrom('programs')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(row.postback_token).toBe(rotated.postbackToken)
    expect(row.postback_token_previous).toBe(created.postbackToken)
    expect(row.postback_hmac_secret_previous).toBe(created.postbackHmacSecret)
  })

  it('an archived program stays archived and cannot be edited', async () => {
    const ctx = testContext(stores.db)
    const { id } = await newProgram(ctx)
    await setProgramStatus(ctx, { programId: id, status: 'archived' })
    await expect(updateProgram(ctx, { programId: id, name: 'Renamed' })).rejects.toMatchObject({
      code: 'illegal_transition',
    })
    await expect(setProgramStatus(ctx, { programId: id, status: 'active' })).rejects.toMatchObject({
      code: 'illegal_transition',
    })
    await expect(
      updateProgram(ctx, { programId: '00000000-0000-4000-8000-000000000000', name: 'x' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})

import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { adminClient } from '../../../test-support/clients.ts'
import { loggedInAdmin } from '../../../test-support/logged-in-clients.ts'

type Api = Awaited<ReturnType<ReturnType<typeof adminClient>['api']>>

describe('admin programs.* and rules.*', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let manager: Api
  let viewer: Api
  let programId: string

  beforeAll(async () => {
    stores = await openTestStores()
    manager = await (await loggedInAdmin(stores, 'manager')).api()
    viewer = await (await loggedInAdmin(stores, 'viewer')).api()
    const created = await manager.programs.create({
      slug: 'acme-shop',
      kind: 'affiliate',
      currency: 'EUR',
      name: 'Acme Shop',
      allowedDomains: ['acme.example'],
      defaultLandingUrl: 'https://acme.example/',
    })
    programId = created.id
    expect(created.postbackToken).toMatch(/^tok_/)
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  const percent = { name: 'Net 10%', kind: 'percentage', event: 'sale', rate: { bps: 1000 }, netOfTax: true }

  it('creates, reads and edits a program, with audit rows naming the user', async () => {
    await manager.programs.update({
      programId,
      holdDays: 14,
      payoutSchedule: 'monthly',
      attribution: { model: 'first_click', couponPrecedence: 'click_first', selfReferral: 'block' },
      fraud: { botUserAgent: { extraPatterns: ['curl\\/'] } },
    })
    const program = await viewer.programs.get({ programId })
    expect(program).toMatchObject({
      slug: 'acme-shop',
      holdDays: 14,
      payoutSchedule: 'monthly',
      attribution: { model: 'first_click', selfReferral: 'block' },
    })
    const audit = await stores.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_id'])
      .where('entity_id', '=', programId)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['program.created', 'program.updated'])
    expect(audit.every((a) => a.actor_type === 'user' && a.actor_id)).toBe(true)
  })

  it('shows credentials to managers with copy-ready snippets, and rotates them with a grace period', async () => {
    const before = await manager.programs.credentials({ programId })
    expect(before.integration.postbackUrl).toContain(`token=${before.postbackToken}`)
    expect(before.integration.snippet).toContain('https://go.example/t.js?program=acme-shop')
    const rotated = await manager.programs.rotateCredentials({ programId, graceHours: 48 })
    expect(rotated.postbackToken).not.toBe(before.postbackToken)
    const after = await manager.programs.credentials({ programId })
    expect(after.previous).toMatchObject({ postbackToken: before.postbackToken })
    await expect(viewer.programs.credentials({ programId })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('checks, simulates and publishes rules; versions say which one is in force', async () => {
    const problems = await manager.rules.check({
      programId,
      rules: [{ ...percent, rate: { bps: -1 } }],
    })
    expect(problems.problems[0]).toMatchObject({
      code: 'invalid_rate',
      path: expect.stringContaining('rules/0'),
    })
    const sim = await manager.rules.simulate({
      programId,
      rules: [percent],
      order: { amountMinor: 12_000, taxMinor: 2_000 },
    })
    expect(sim.lines).toEqual([]) // no click, no coupon: nobody earns
    const published = await manager.rules.publish({ programId, rules: [percent], note: 'launch' })
    expect(published.version).toBe(1)
    const versions = await viewer.rules.versions({ programId })
    expect(versions.versions).toMatchObject([{ version: 1, note: 'launch', inForce: true }])
    await expect(
      manager.rules.publish({ programId, rules: [{ ...percent, rate: { bps: -1 } }] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/rate/i) })
  })

  it('refuses viewers every mutation', async () => {
    const calls: (() => Promise<unknown>)[] = [
      () =>
        viewer.programs.create({
          slug: 'nope-shop',
          kind: 'affiliate',
          currency: 'EUR',
          name: 'Nope',
          allowedDomains: ['nope.example'],
          defaultLandingUrl: 'https://nope.example/',
        }),
      () => viewer.programs.update({ programId, name: 'Renamed' }),
      () => viewer.programs.setStatus({ programId, status: 'paused' }),
      () => viewer.programs.rotateCredentials({ programId }),
      () => viewer.rules.check({ programId, rules: [percent] }),
      () => viewer.rules.publish({ programId, rules: [percent] }),
      () => viewer.rules.simulate({ programId, order: { amountMinor: 100 } }),
    ]
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('answers bad input with BAD_REQUEST and a message naming the field', async () => {
    const bad: [() => Promise<unknown>, RegExp][] = [
      [
        () =>
          manager.programs.create({
            slug: 'X',
            kind: 'affiliate',
            currency: 'EUR',
            name: 'x',
            allowedDomains: ['a.example'],
            defaultLandingUrl: 'https://a.example/',
          }),
        /slug/,
      ],
      [
        () =>
          manager.programs.create({
            slug: 'dup-test',
            kind: 'affiliate',
            currency: 'XXX',
            name: 'x',
            allowedDomains: ['a.example'],
            defaultLandingUrl: 'https://a.example/',
          }),
        /currency/,
      ],
      [
        () => manager.programs.update({ programId, fraud: { botUserAgent: { extraPatterns: ['(['] } } }),
        /regular expression/,
      ],
      [
        () => manager.programs.update({ programId, defaultLandingUrl: 'https://elsewhere.example/' }),
        /allowed domains/,
      ],
      [() => manager.programs.setStatus({ programId, status: 'gone' as 'paused' }), /status/],
      [() => manager.programs.rotateCredentials({ programId, graceHours: 10_000 }), /graceHours/],
      [() => manager.rules.simulate({ programId, order: { amountMinor: -5 } }), /amountMinor/],
      [() => manager.rules.publish({ programId: 'not-an-id', rules: [] }), /programId/],
    ]
    for (const [call, message] of bad) {
      await expect(call()).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(message),
      })
    }
  })

  it('archives a program for good', async () => {
    await manager.programs.setStatus({ programId, status: 'archived' })
    await expect(manager.programs.setStatus({ programId, status: 'active' })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    await expect(manager.programs.update({ programId, name: 'Again' })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
  })
})

import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newProgram, testContext } from '../testing/setup.ts'
import { publishRuleSet, ruleSetInForce } from './rule-sets.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

const percent = (bps: number) => ({
  name: `Revenue share ${bps / 100}%`,
  kind: 'percentage',
  event: 'sale',
  rate: { bps },
})
const programRow = (id: string) =>
  stores.db
    .selectFrom('programs')
    .select(['id', 'currency', 'rounding_mode'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()

describe('commission rule sets', () => {
  it('prices each conversion by the version in force when it occurred', async () => {
    const ctx = testContext(stores.db)
    const { id } = await newProgram(ctx)
    const v1 = await publishRuleSet(ctx, { programId: id, rules: [percent(1000)] })
    const switchAt = new Date(ctx.now().getTime() + 86_400_000)
    const v2 = await publishRuleSet(ctx, {
      programId: id,
      rules: [{ ...percent(1500), id: v1.ruleIds[0] }],
      effectiveFrom: switchAt,
      note: 'spring promotion',
    })
    expect([v1.version, v2.version]).toEqual([1, 2])
    expect(v2.ruleIds).toEqual(v1.ruleIds) // the same rule, changed: one identity for the ledger
    const program = await programRow(id)
    const before = await ruleSetInForce(stores.db, program, new Date(switchAt.getTime() - 1))
    const after = await ruleSetInForce(stores.db, program, switchAt)
    expect(before?.version).toBe(1)
    expect(before?.ruleSet.rules[0]).toMatchObject({ kind: 'percentage', rate: { bps: 1000 } })
    expect(after?.version).toBe(2)
    expect(after?.ruleSet.rules[0]).toMatchObject({ rate: { bps: 1500 } })
    expect(await ruleSetInForce(stores.db, program, new Date('2000-01-01'))).toBeNull()
    // Built once per version: core's compiled form (cached per RuleSet object) is reused.
    expect((await ruleSetInForce(stores.db, program, switchAt))?.ruleSet).toBe(after?.ruleSet)
  })

  it('refuses a set core finds problems in, listing them, and writes nothing', async () => {
    const ctx = testContext(stores.db)
    const { id } = await newProgram(ctx)
    const refused = publishRuleSet(ctx, {
      programId: id,
      rules: [{ name: 'Broken', kind: 'percentage', event: 'sale', rate: { bps: -5 } }],
    })
    await expect(refused).rejects.toMatchObject({
      code: 'invalid_input',
      details: { problems: [expect.anything()] },
    })
    const versions = await stores.db
      .selectFrom('rule_set_versions')
      .select('id')
      .where('program_id', '=', id)
      .execute()
    expect(versions).toEqual([])
  })

  it('refuses a version that would take effect before the latest one, and rules of another program', async () => {
    const ctx = testContext(stores.db)
    const a = await newProgram(ctx)
    const b = await newProgram(ctx)
    const published = await publishRuleSet(ctx, { programId: a.id, rules: [percent(1000)] })
    await expect(
      publishRuleSet(ctx, { programId: a.id, rules: [percent(900)], effectiveFrom: new Date('2020-01-01') }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('effectiveFrom must be on or after'),
    })
    await expect(
      publishRuleSet(ctx, { programId: b.id, rules: [{ ...percent(900), id: published.ruleIds[0] }] }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('belong to another program'),
    })
  })
})

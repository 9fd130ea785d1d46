import { openTestStores } from '@tandem/db/testing'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { payoutPeriodStart, planScheduledPayouts } from '../src/jobs/scheduled-payouts.ts'
import { seedConversion, seedProgram } from './fixtures.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

describe('scheduled payout planning', () => {
  it('periods start on Monday 00:00 UTC (weekly) and on the 1st (monthly)', () => {
    const wednesday = new Date('2026-06-03T15:00:00Z')
    expect(payoutPeriodStart('weekly', wednesday).toISOString()).toBe('2026-06-01T00:00:00.000Z')
    expect(payoutPeriodStart('weekly', new Date('2026-06-07T23:59:00Z')).toISOString()).toBe(
      '2026-06-01T00:00:00.000Z',
    )
    expect(payoutPeriodStart('monthly', wednesday).toISOString()).toBe('2026-06-01T00:00:00.000Z')
  })

  it('plans one batch per period for a program that asks for monthly payouts, none for a manual one', async () => {
    const monthly = await seedProgram(stores.db)
    const manual = await seedProgram(stores.db)
    await stores.db
      .updateTable('programs')
      .set({ payout_schedule: 'monthly' })
      .where('id', '=', monthly.programId)
      .execute()
    for (const p of [monthly, manual]) {
      await stores.db
        .updateTable('partners')
        .set({
          payout_method: 'paypal',
          payout_details: JSON.stringify({ email: 'pay@partners.example' }),
          payout_currency: 'EUR',
        })
        .where('id', '=', p.partnerId)
        .execute()
      await seedConversion(stores.db, {
        ...p,
        status: 'approved',
        commissionMinor: 6000,
        holdUntil: new Date('2026-05-01T00:00:00Z'),
      })
    }
    const batches = (programId: string) =>
      stores.db
        .selectFrom('payout_batches')
        .select(['id', 'total_minor', 'created_at'])
        .where('program_id', '=', programId)
        .execute()

    const june = new Date('2026-06-10T09:00:00Z')
    expect(await planScheduledPayouts(stores.db, june)).toEqual({ batches: 1 })
    const first = await batches(monthly.programId)
    expect(first).toHaveLength(1)
    expect(first[0]?.total_minor).toBe(6000)
    expect(await batches(manual.programId)).toHaveLength(0)

    // Same month: nothing new, even with new payable rows.
    await seedConversion(stores.db, {
      ...monthly,
      status: 'approved',
      commissionMinor: 7000,
      holdUntil: new Date('2026-05-01T00:00:00Z'),
    })
    await stores.db
    await sql`update payout_batches set created_at = ${june} where program_id = ${monthly.programId}`.execute(
      stores.db,
    )
    expect(await planScheduledPayouts(stores.db, new Date('2026-06-28T09:00:00Z'))).toEqual({ batches: 0 })
    // Next month: the rows earned since are planned.
    expect(await planScheduledPayouts(stores.db, new Date('2026-07-01T00:30:00Z'))).toEqual({ batches: 1 })
    const all = await batches(monthly.programId)
    expect(all.map((b) => b.total_minor).sort()).toEqual([6000, 7000])
  })
})

import { createPayoutBatch, markBatchPaid } from '@tandem/services'
import { DAY_MS } from '../scenario/context.ts'
import type { Replay } from './replay-context.ts'
import { RANK } from './timeline.ts'

export interface PayoutCounts {
  batches: number
  payouts: number
  heldBack: number
}

/**
 * The owner runs a payout batch of the affiliate program on the payout day (core plans it: who is
 * paid, who is held back and why) and marks it paid the day after, when the bank confirmed it.
 */
export function schedulePayoutRun(r: Replay, payoutAt: number): PayoutCounts {
  const counts: PayoutCounts = { batches: 0, payouts: 0, heldBack: 0 }
  const owner = (at: number) => r.at(at, { type: 'user', id: r.ids.user('owner') })
  r.timeline.add({
    at: payoutAt,
    rank: RANK.payout,
    run: async () => {
      const batch = await createPayoutBatch(owner(payoutAt), { programId: r.ids.program('affiliate').id })
      counts.heldBack = batch.heldBack.length
      const batchId = batch.batchId
      if (!batchId) return
      counts.batches++
      counts.payouts = batch.lines.length
      const paidAt = payoutAt + DAY_MS
      if (paidAt > r.nowMs) return
      r.timeline.add({
        at: paidAt,
        rank: RANK.payout,
        run: async () => {
          const day = new Date(paidAt).toISOString().slice(0, 10).replace(/-/g, '')
          await markBatchPaid(owner(paidAt), { batchId, reference: `PAYOUT-${day}` })
        },
      })
    },
  })
  return counts
}

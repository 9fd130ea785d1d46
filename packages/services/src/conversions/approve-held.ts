import { type ConversionLifecycle, CoreError, transitionConversion } from '@tandem/core'
import {
  type Database,
  enqueueOutboxEvent,
  findDueHeldConversionIds,
  insertAuditRow,
  lockConversion,
  queueClickHouseEvents,
  setConversionStatus,
  setPendingLedgerRowsStatus,
} from '@tandem/db'
import type { Kysely } from 'kysely'
import { changeEvent } from './clickhouse-events.ts'

export interface HoldPolicy {
  /**
   * Demo override (TANDEM_DEMO_HOLD_SECONDS): a live conversion's hold ends this many seconds after
   * it was recorded, if that is sooner than its stored hold_until (seeded ones keep theirs). Null
   * in normal operation.
   */
  holdOverrideSeconds: number | null
}

export type ApproveHeldResult =
  | { result: 'approved'; conversionId: string; rowsApproved: number }
  /** Core left it as it is: already approved, or rejected / reversed meanwhile, or still held. */
  | { result: 'unchanged'; conversionId: string; status: string; explanation: string }
  | { result: 'missing'; conversionId: string }

const ACTOR_ID = 'jobs:approve-held'

/**
 * Approves one conversion whose hold period ended, in one transaction: lock the conversion row
 * (the refund and status-change paths take the same lock, so whichever comes second sees the
 * other's result), let core's lifecycle decide on `auto_approve`, set the pending ledger rows as
 * core says, write the audit row and the `conversion.approved` outbox event.
 */
export async function approveHeldConversion(
  db: Kysely<Database>,
  conversionId: string,
  now: Date,
  policy: HoldPolicy = { holdOverrideSeconds: null },
): Promise<ApproveHeldResult> {
  return db.transaction().execute(async (trx) => {
    const c = await lockConversion(trx, conversionId)
    if (!c) return { result: 'missing', conversionId }
    // The demo hold applies to live conversions, never to the seeded history.
    const holdUntil =
      c.source === 'seed'
        ? (c.holdUntil ?? c.occurredAt)
        : effectiveHoldUntil(c.holdUntil ?? c.occurredAt, c.createdAt, policy)
    const lifecycle: ConversionLifecycle = {
      state: c.status,
      amount: { amountMinor: c.amountMinor, currency: c.currency },
      refunded: { amountMinor: c.refundedMinor, currency: c.currency },
      appliedRefundIds: c.appliedRefundIds,
      holdUntil,
      updatedAt: c.decidedAt ?? c.createdAt,
    }
    let transition: ReturnType<typeof transitionConversion>
    try {
      transition = transitionConversion(lifecycle, { type: 'auto_approve' }, now)
    } catch (error) {
      // Rejected, reversed or still in its hold: core refuses, and the job leaves it alone.
      if (error instanceof CoreError) {
        return { result: 'unchanged', conversionId, status: c.status, explanation: error.message }
      }
      throw error
    }
    if (!transition.changed) {
      return { result: 'unchanged', conversionId, status: c.status, explanation: transition.explanation }
    }
    const effect = transition.effect
    const rowsApproved =
      effect.type === 'set_row_status' ? await setPendingLedgerRowsStatus(trx, c.id, effect.status, now) : 0
    await setConversionStatus(trx, c.id, transition.next.state, now)
    const data = {
      event: c.event,
      order_id: c.orderId,
      from: c.status,
      to: transition.next.state,
      hold_until: holdUntil.toISOString(),
      ...(policy.holdOverrideSeconds !== null ? { demo_hold_seconds: policy.holdOverrideSeconds } : {}),
      rows_approved: rowsApproved,
      explanation: transition.explanation,
    }
    await insertAuditRow(trx, {
      actorType: 'system',
      actorId: ACTOR_ID,
      action: 'conversion.approved',
      entityType: 'conversion',
      entityId: c.id,
      data,
    })
    await enqueueOutboxEvent(trx, {
      programId: c.programId,
      topic: 'conversion.approved',
      partnerId: c.partnerId,
      payload: {
        conversion_id: c.id,
        program_id: c.programId,
        event: c.event,
        order_id: c.orderId,
        status: transition.next.state,
        amount_minor: c.amountMinor,
        refunded_minor: c.refundedMinor,
        currency: c.currency,
        partner_id: c.partnerId,
        approved_at: now.toISOString(),
      },
    })
    await queueClickHouseEvents(trx, [
      changeEvent(
        c.programId,
        { orderId: c.orderId, event: c.event, client: null },
        {
          conversionId: c.id,
          partnerId: c.partnerId,
          status: transition.next.state,
          currency: c.currency,
          refundedMinor: 0,
          written: [],
        },
        now,
      ),
    ])
    return { result: 'approved', conversionId, rowsApproved }
  })
}

function effectiveHoldUntil(holdUntil: Date, createdAt: Date, policy: HoldPolicy): Date {
  if (policy.holdOverrideSeconds === null) return holdUntil
  const demo = new Date(createdAt.getTime() + policy.holdOverrideSeconds * 1000)
  return demo < holdUntil ? demo : holdUntil
}

export interface ApproveDueSummary {
  approved: number
  unchanged: number
  failed: number
}

/**
 * Approves every conversion whose hold ended, each in its own transaction so one failure (logged)
 * does not hold back the rest. Several workers may run this at once: the row lock serialises them
 * and the second finds the conversion already approved.
 */
export async function approveDueConversions(
  db: Kysely<Database>,
  now: Date,
  policy: HoldPolicy,
  opts: { batchSize?: number; maxBatches?: number; log?: (line: string) => void } = {},
): Promise<ApproveDueSummary> {
  const batchSize = opts.batchSize ?? 200
  const summary: ApproveDueSummary = { approved: 0, unchanged: 0, failed: 0 }
  const heldSince =
    policy.holdOverrideSeconds === null ? null : new Date(now.getTime() - policy.holdOverrideSeconds * 1000)
  const seen = new Set<string>()
  for (let batch = 0; batch < (opts.maxBatches ?? 10); batch++) {
    const ids = (await findDueHeldConversionIds(db, { now, heldSince, limit: batchSize })).filter(
      (id) => !seen.has(id),
    )
    for (const id of ids) {
      seen.add(id)
      try {
        const r = await approveHeldConversion(db, id, now, policy)
        if (r.result === 'approved') summary.approved++
        else summary.unchanged++
      } catch (error) {
        summary.failed++
        opts.log?.(
          `approve-held: conversion ${id}: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    }
    if (ids.length < batchSize) break
  }
  return summary
}

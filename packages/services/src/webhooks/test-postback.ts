import {
  type Database,
  insertAuditRow,
  insertTestOutboxRow,
  listPartnerPostbacks,
  markOutboxDead,
} from '@tandem/db'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { NotFoundError, parseInput } from '../errors.ts'
import { type DeliveryResult, deliverOutboxRow } from './deliver.ts'

const input = z.strictObject({ partnerId: z.uuid(), programId: z.uuid() })

/** What a test postback fills the template with. */
export const TEST_POSTBACK_FACTS = {
  click_id: 'TEST-CLICK-ID',
  order_id: 'TEST-ORDER-1',
  amount_minor: 1234,
  status: 'approved',
  sub_ids: { sub1: 'test-sub1', sub2: 'test-sub2', sub3: '', sub4: '', sub5: '' },
}

/**
 * Sends one test event to a partner's postback now, with sample values, through the same delivery
 * code and log as real events. Never retried: a failure is in the log at once.
 */
export async function sendTestPostback(
  db: Kysely<Database>,
  raw: z.input<typeof input>,
  opts: { timeoutMs?: number; now?: () => Date } = {},
): Promise<{ ok: boolean; eventId: string; error: string | null }> {
  const p = parseInput(input, raw)
  const now = opts.now ?? (() => new Date())
  const postback = (await listPartnerPostbacks(db, p.partnerId)).find((b) => b.program_id === p.programId)
  if (!postback?.postback_id)
    throw new NotFoundError('postback', p.programId, 'Save a postback URL for this program first')
  const postbackId = postback.postback_id
  const row = await db.transaction().execute(async (trx) => {
    const created = await insertTestOutboxRow(trx, {
      postbackId,
      payload: { test: true, ...TEST_POSTBACK_FACTS },
      now: now(),
    })
    await insertAuditRow(trx, {
      actorType: 'partner',
      actorId: p.partnerId,
      action: 'partner_postback.test_sent',
      entityType: 'partner_postback',
      entityId: postbackId,
      data: { outbox_id: created.id },
    })
    return created
  })
  let result: DeliveryResult | null = null
  let error: string | null = null
  try {
    result = await deliverOutboxRow({ db, timeoutMs: opts.timeoutMs ?? 5_000, now }, row.id)
  } catch (e) {
    error = e instanceof Error ? e.message : String(e)
    await markOutboxDead(db, row.id)
  }
  if (result?.result === 'dropped') error = result.reason
  return { ok: result?.result === 'delivered', eventId: row.eventId, error }
}

import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import { notFound } from '../errors.ts'
import type { setEnrollmentStatusInput, setEnrollmentStatusOutput } from '../schemas/admin.ts'

type Params = z.output<typeof setEnrollmentStatusInput> & { actorUserId: string; now: Date }

/**
 * Approves, rejects or suspends a partner's enrollment in a program, with an audit_log row, in
 * one transaction. Setting the status it already has is a no-op (no second audit row).
 */
export async function setEnrollmentStatus(
  stores: Stores,
  p: Params,
): Promise<z.output<typeof setEnrollmentStatusOutput>> {
  return stores.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('program_enrollments')
      .select('status')
      .where('program_id', '=', p.programId)
      .where('partner_id', '=', p.partnerId)
      .forUpdate()
      .executeTakeFirst()
    if (!current) throw notFound('This partner is not enrolled in this program')
    if (current.status === p.status) return { ok: true as const, status: p.status }
    await trx
      .updateTable('program_enrollments')
      .set({ status: p.status, decided_at: p.now })
      .where('program_id', '=', p.programId)
      .where('partner_id', '=', p.partnerId)
      .execute()
    await trx
      .insertInto('audit_log')
      .values({
        actor_type: 'user',
        actor_id: p.actorUserId,
        action: 'enrollment.set_status',
        entity_type: 'program_enrollment',
        entity_id: `${p.programId}:${p.partnerId}`,
        data: { programId: p.programId, partnerId: p.partnerId, from: current.status, to: p.status },
      })
      .execute()
    return { ok: true as const, status: p.status }
  })
}

import { insertAuditRow, lockPartner } from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import { NotFoundError, parseInput } from '../errors.ts'
import { requiredText, uuid } from '../shared/fields.ts'

export const addPartnerNoteInput = z.strictObject({ partnerId: uuid, note: requiredText(2000) })

/** A manager's note on a partner: kept in the partner's audit trail, never edited. */
export async function addPartnerNote(
  ctx: ServiceContext,
  raw: z.input<typeof addPartnerNoteInput>,
): Promise<void> {
  const input = parseInput(addPartnerNoteInput, raw)
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await lockPartner(trx, input.partnerId))) throw new NotFoundError('partner', input.partnerId)
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'partner.note_added',
      entityType: 'partner',
      entityId: input.partnerId,
      data: { note: input.note },
    })
  })
}

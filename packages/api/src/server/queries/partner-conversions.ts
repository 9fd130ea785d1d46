import type { Stores } from '@tandem/db'
import type { z } from 'zod'
import type { partnerConversionsInput, partnerConversionsOutput } from '../schemas/partner.ts'
import { commissionTotalsByConversion, conversionsBefore } from './conversion-list.ts'
import { cursorInstant, decodeCursor, paginate, timeIdCursor } from './cursor.ts'
import { ownConversion } from './partner-scope.ts'

type Params = z.output<typeof partnerConversionsInput> & { partnerId: string }

/** The partner's own conversions, newest first, with only its own commission rows summed. */
export async function listPartnerConversions(
  stores: Stores,
  p: Params,
): Promise<z.output<typeof partnerConversionsOutput>> {
  const after = decodeCursor(p.cursor, timeIdCursor)
  const rows = await stores.db
    .selectFrom('conversions as c')
    .innerJoin('programs as g', 'g.id', 'c.program_id')
    .select([
      'c.id',
      'c.program_id',
      'g.name as program_name',
      'c.event',
      'c.order_id',
      'c.status',
      'c.amount_minor',
      'c.currency',
      'c.occurred_at',
      cursorInstant('c.occurred_at').as('cursor_at'),
    ])
    .where(ownConversion(p.partnerId))
    .$if(after !== null, (q) => q.where(conversionsBefore(after!)))
    .orderBy('c.occurred_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(p.limit + 1)
    .execute()

  const commissionsOf = await commissionTotalsByConversion(
    stores,
    rows.slice(0, p.limit).map((r) => r.id),
    p.partnerId,
  )

  return paginate(
    rows,
    p.limit,
    (r) => [r.cursor_at, r.id],
    (r) => ({
      id: r.id,
      programId: r.program_id,
      programName: r.program_name,
      event: r.event,
      orderId: r.order_id,
      status: r.status,
      amount: { amountMinor: r.amount_minor, currency: r.currency.trim() },
      commission: commissionsOf(r.id),
      occurredAt: r.occurred_at.toISOString(),
    }),
  )
}

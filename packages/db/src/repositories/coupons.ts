import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface PartnerCouponRow {
  id: string
  code: string
  programId: string
  programName: string
  /** As stored: informational JSON of no fixed shape (e.g. { kind: 'percent', bps: 1000 }). */
  discount: Record<string, unknown> | null
  status: 'active' | 'paused'
}

/** A partner's coupon codes, newest first. */
export async function listPartnerCoupons(
  db: Kysely<Database>,
  partnerId: string,
): Promise<PartnerCouponRow[]> {
  const rows = await db
    .selectFrom('coupons as k')
    .innerJoin('programs as g', 'g.id', 'k.program_id')
    .select(['k.id', 'k.code', 'k.program_id', 'g.name as program_name', 'k.discount', 'k.status'])
    .where('k.partner_id', '=', partnerId)
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    programId: r.program_id,
    programName: r.program_name,
    discount: r.discount,
    status: r.status,
  }))
}

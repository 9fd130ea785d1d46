import type { Kysely } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface PartnerPostbackRow {
  id: string
  programId: string
  partnerId: string
  urlTemplate: string
  events: string[]
  active: boolean
}

const columns = ['id', 'program_id', 'partner_id', 'url_template', 'events', 'active'] as const

function toRow(r: {
  id: string
  program_id: string
  partner_id: string
  url_template: string
  events: string[]
  active: boolean
}): PartnerPostbackRow {
  return {
    id: r.id,
    programId: r.program_id,
    partnerId: r.partner_id,
    urlTemplate: r.url_template,
    events: r.events,
    active: r.active,
  }
}

/** One postback per partner and program: setting it again replaces the template and topics. */
export async function upsertPartnerPostback(
  db: Kysely<Database>,
  p: { programId: string; partnerId: string; urlTemplate: string; events: string[]; active: boolean },
): Promise<PartnerPostbackRow> {
  const row = await db
    .insertInto('partner_postbacks')
    .values({
      program_id: p.programId,
      partner_id: p.partnerId,
      url_template: p.urlTemplate,
      events: p.events,
      active: p.active,
    })
    .onConflict((oc) =>
      oc.columns(['program_id', 'partner_id']).doUpdateSet({
        url_template: p.urlTemplate,
        events: p.events,
        active: p.active,
        updated_at: new Date(),
      }),
    )
    .returning(columns)
    .executeTakeFirstOrThrow()
  return toRow(row)
}

export async function findPartnerPostback(
  db: Kysely<Database>,
  id: string,
): Promise<PartnerPostbackRow | null> {
  const row = await db.selectFrom('partner_postbacks').select(columns).where('id', '=', id).executeTakeFirst()
  return row ? toRow(row) : null
}

/** What a postback template can show about a conversion. */
export interface PostbackConversionFacts {
  id: string
  orderId: string
  clickId: string | null
  subIds: Record<string, string>
  amountMinor: number
  currency: string
  status: string
}

export async function loadPostbackConversionFacts(
  db: Kysely<Database>,
  conversionId: string,
): Promise<PostbackConversionFacts | null> {
  const row = await db
    .selectFrom('conversions')
    .select(['id', 'order_id', 'click_id', 'sub_ids', 'amount_minor', 'currency', 'status'])
    .where('id', '=', conversionId)
    .executeTakeFirst()
  if (!row) return null
  return {
    id: row.id,
    orderId: row.order_id,
    clickId: row.click_id,
    subIds: row.sub_ids ?? {},
    amountMinor: row.amount_minor,
    currency: row.currency.trim(),
    status: row.status,
  }
}

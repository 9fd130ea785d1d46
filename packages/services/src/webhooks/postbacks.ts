import { type Database, findProgramRef, insertAuditRow, isEnrolled, upsertPartnerPostback } from '@tandem/db'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { InvalidInputError, NotFoundError, parseInput } from '../errors.ts'
import type { ActingAs } from './endpoints.ts'
import { POSTBACK_PLACEHOLDERS, unknownPlaceholders } from './postback-template.ts'
import { WEBHOOK_TOPICS } from './topics.ts'

const input = z.object({
  programId: z.uuid(),
  partnerId: z.uuid(),
  /** e.g. https://network.example/pb?cid={click_id}&payout={amount}&cur={currency}&s={status} */
  urlTemplate: z.string().trim().min(1).max(2000),
  events: z.array(z.enum(WEBHOOK_TOPICS)).default([]),
  active: z.boolean().default(true),
})

export interface PartnerPostbackView {
  id: string
  programId: string
  partnerId: string
  urlTemplate: string
  events: string[]
  active: boolean
}

/**
 * Sets a partner's postback for a program (one per partner and program; setting it again
 * replaces it). The partner (or a manager for them) owns it: the caller checks who may.
 */
export async function setPartnerPostback(
  db: Kysely<Database>,
  raw: z.input<typeof input>,
  actor: ActingAs,
): Promise<PartnerPostbackView> {
  const p = parseInput(input, raw)
  const unknown = unknownPlaceholders(p.urlTemplate)
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `urlTemplate: unknown placeholder(s) ${unknown.map((u) => `{${u}}`).join(', ')}; use ${POSTBACK_PLACEHOLDERS.map((u) => `{${u}}`).join(', ')}`,
    )
  }
  // A template's placeholders stand for URL-encoded values, so its shape must already be a URL.
  const sample = p.urlTemplate.replace(/\{[a-z0-9_]+\}/g, 'x')
  let protocol = ''
  try {
    protocol = new URL(sample).protocol
  } catch {}
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new InvalidInputError('urlTemplate: must be an http(s) URL')
  }
  return db.transaction().execute(async (trx) => {
    if (!(await findProgramRef(trx, { id: p.programId }))) throw new NotFoundError('program', p.programId)
    if (!(await isEnrolled(trx, p.programId, p.partnerId))) {
      throw new NotFoundError('partner in this program', p.partnerId)
    }
    const row = await upsertPartnerPostback(trx, p)
    await insertAuditRow(trx, {
      actorType: actor.type,
      actorId: actor.id,
      action: 'partner_postback.set',
      entityType: 'partner_postback',
      entityId: row.id,
      data: { program_id: p.programId, partner_id: p.partnerId, events: p.events, active: p.active },
    })
    return row
  })
}

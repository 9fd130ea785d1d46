import { type Database, type DeliveryLogRow, listDeliveries } from '@tandem/db'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { parseInput } from '../errors.ts'

const input = z.object({
  endpointId: z.uuid(),
  eventId: z.uuid().optional(),
  beforeId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
})

/** An endpoint's delivery log, newest attempt first (status, latency, response excerpt, error). */
export async function listWebhookDeliveries(
  db: Kysely<Database>,
  raw: z.input<typeof input>,
): Promise<DeliveryLogRow[]> {
  const q = parseInput(input, raw)
  return listDeliveries(db, q)
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import {
  type Database,
  findLiveApiKey,
  insertApiKey,
  insertAuditRow,
  lockProgram,
  revokeApiKeyRow,
  touchApiKey,
} from '@tandem/db'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import { NotFoundError, parseInput } from '../errors.ts'
import { requiredText, uuid } from '../shared/fields.ts'

/**
 * API keys: `tdm_<prefix>_<secret>`, prefix 12 lowercase hex characters (stored in
 * api_keys.prefix, unique, shown in the admin portal), secret 32 bytes base64url. Only
 * sha256(whole key) in hex is stored (api_keys.key_hash): the key is high-entropy, so a fast hash
 * is enough, and a leaked table does not leak usable keys.
 */
const KEY = /^tdm_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/

export const API_KEY_SCOPES = ['conversions:write', 'refunds:write', 'read'] as const
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number]

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex')
  const key = `tdm_${prefix}_${randomBytes(32).toString('base64url')}`
  return { key, prefix, hash: hashApiKey(key) }
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

export const createApiKeyInput = z.strictObject({
  programId: uuid,
  name: requiredText(80),
  scopes: z
    .array(z.enum(API_KEY_SCOPES))
    .min(1, 'choose at least one scope')
    .default(['conversions:write', 'refunds:write']),
})

/** Creates a key; the key itself is returned here once and never stored. */
export async function createApiKey(
  ctx: ServiceContext,
  raw: z.input<typeof createApiKeyInput>,
): Promise<{ id: string; key: string; prefix: string; scopes: ApiKeyScope[] }> {
  const input = parseInput(createApiKeyInput, raw)
  const scopes = [...new Set(input.scopes)]
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await lockProgram(trx, input.programId))) throw new NotFoundError('program', input.programId)
    const generated = generateApiKey()
    const created = await insertApiKey(trx, {
      programId: input.programId,
      name: input.name,
      prefix: generated.prefix,
      keyHash: generated.hash,
      scopes,
      now: ctx.now(),
    })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: created.id,
      data: { program_id: input.programId, name: input.name, prefix: generated.prefix, scopes },
    })
    return { id: created.id, key: generated.key, prefix: generated.prefix, scopes }
  })
}

export async function revokeApiKey(
  ctx: ServiceContext,
  raw: { apiKeyId: string },
): Promise<{ changed: boolean }> {
  const input = parseInput(z.strictObject({ apiKeyId: uuid }), raw)
  return ctx.db.transaction().execute(async (trx) => {
    const revoked = await revokeApiKeyRow(trx, input.apiKeyId, ctx.now())
    if (!revoked) return { changed: false }
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: input.apiKeyId,
      data: { program_id: revoked.program_id },
    })
    return { changed: true }
  })
}

export interface ApiKeyIdentity {
  id: string
  programId: string
  scopes: string[]
}

/** The key's identity, or null when it is malformed, unknown, revoked or wrong; records its use. */
export async function verifyApiKey(
  db: Kysely<Database>,
  key: string,
  now: Date,
): Promise<ApiKeyIdentity | null> {
  const match = KEY.exec(key)
  if (!match) return null
  const row = await findLiveApiKey(db, match[1]!)
  if (!row || !/^[0-9a-f]{64}$/.test(row.key_hash)) return null
  const ok = timingSafeEqual(Buffer.from(hashApiKey(key), 'hex'), Buffer.from(row.key_hash, 'hex'))
  if (!ok) return null
  await touchApiKey(db, row.id, now)
  return { id: row.id, programId: row.program_id, scopes: row.scopes }
}

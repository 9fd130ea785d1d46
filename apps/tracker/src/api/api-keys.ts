import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Stores } from '@tandem/db'

/**
 * API keys: `tdm_<prefix>_<secret>`, prefix 12 lowercase hex characters (stored in
 * api_keys.prefix, unique, shown in the admin portal), secret 32 bytes base64url. Only
 * sha256(whole key) in hex is stored (api_keys.key_hash): the key is high-entropy, so a fast hash
 * is enough, and a leaked table does not leak usable keys.
 */
const KEY = /^tdm_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex')
  const key = `tdm_${prefix}_${randomBytes(32).toString('base64url')}`
  return { key, prefix, hash: hashApiKey(key) }
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}

export interface ApiKeyIdentity {
  id: string
  programId: string
}

/** The key's identity, or null when it is malformed, unknown, revoked or wrong. */
export async function verifyApiKey(db: Stores['db'], key: string): Promise<ApiKeyIdentity | null> {
  const match = KEY.exec(key)
  if (!match) return null
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'program_id', 'key_hash'])
    .where('prefix', '=', match[1]!)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!row || !/^[0-9a-f]{64}$/.test(row.key_hash)) return null
  const ok = timingSafeEqual(Buffer.from(hashApiKey(key), 'hex'), Buffer.from(row.key_hash, 'hex'))
  return ok ? { id: row.id, programId: row.program_id } : null
}

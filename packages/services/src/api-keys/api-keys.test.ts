import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newProgram, testContext } from '../testing/setup.ts'
import { createApiKey, revokeApiKey, verifyApiKey } from './api-keys.ts'

let stores: Awaited<ReturnType<typeof openTestStores>>
beforeAll(async () => {
  stores = await openTestStores()
})
afterAll(async () => {
  await stores?.dispose()
})

describe('API keys', () => {
  it('shows the key once, stores only its hash, verifies it with its scopes and records its use', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    const created = await createApiKey(ctx, { programId: program.id, name: 'shop backend', scopes: ['read'] })
    expect(created.key).toMatch(/^tdm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/)
    const row = await stores.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(JSON.stringify(row)).not.toContain(created.key.slice(18))
    const now = new Date('2026-03-02T12:00:00Z')
    expect(await verifyApiKey(stores.db, created.key, now)).toEqual({
      id: created.id,
      programId: program.id,
      scopes: ['read'],
    })
    const used = await stores.db
      .selectFrom('api_keys')
      .select('last_used_at')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(used.last_used_at?.toISOString()).toBe(now.toISOString())
    expect(await verifyApiKey(stores.db, `${created.key.slice(0, -1)}x`, now)).toBeNull()
    expect(await revokeApiKey(ctx, { apiKeyId: created.id })).toEqual({ changed: true })
    expect(await verifyApiKey(stores.db, created.key, now)).toBeNull()
  })

  it('refuses an empty or unknown scope', async () => {
    const ctx = testContext(stores.db)
    const program = await newProgram(ctx)
    await expect(createApiKey(ctx, { programId: program.id, name: 'x', scopes: [] })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    const scopes = ['admin'] as unknown as ['read'] // what a client could send
    await expect(createApiKey(ctx, { programId: program.id, name: 'x', scopes })).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })
})

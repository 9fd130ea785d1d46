import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertUser, TEST_PASSWORD } from '../../../test-support/fixtures.ts'
import { postMutation, startTestPortal } from '../../../test-support/http.ts'
import type { RunningServer } from '../../http/portal-server.ts'
import { adminRouter } from './index.ts'

/**
 * Every mutation of the admin router, over real HTTP: a viewer gets 403 for each (no procedure
 * may let a viewer change anything), and an owner sending an empty or wrong input gets a 400
 * whose message says what is wrong (people read it), never a 500. Mutations added later are
 * covered without touching this file.
 */
const OPEN = new Set(['auth.login', 'auth.logout', 'setup.createOwner', 'settings.acceptInvitation'])

function mutations(): string[] {
  const procedures = (
    adminRouter._def as unknown as { procedures: Record<string, { _def: { type: string } }> }
  ).procedures
  return Object.entries(procedures)
    .filter(([path, p]) => p._def.type === 'mutation' && !OPEN.has(path))
    .map(([path]) => path)
    .sort()
}

describe('admin mutations over HTTP', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let server: RunningServer
  const cookie: Record<'viewer' | 'owner', string> = { viewer: '', owner: '' }

  beforeAll(async () => {
    stores = await openTestStores()
    server = await startTestPortal(stores, 'admin')
    for (const role of ['viewer', 'owner'] as const) {
      const user = await insertUser(stores, { kind: 'admin', role })
      const login = await postMutation(server.url, 'auth.login', {
        email: user.email,
        password: TEST_PASSWORD,
      })
      cookie[role] = login.setCookies.map((c) => c.split(';')[0]).join('; ')
    }
  })
  afterAll(async () => {
    await server?.close()
    await stores?.dispose()
  })

  it('has the mutations of every admin job', () => {
    expect(mutations().length).toBeGreaterThanOrEqual(25)
  })

  it('refuses a viewer every mutation with 403', async () => {
    for (const path of mutations()) {
      const res = await postMutation(server.url, path, {}, { cookie: cookie.viewer })
      expect({ path, status: res.status }).toEqual({ path, status: 403 })
    }
  })

  it('answers an owner bad input with 400 and a readable message', async () => {
    for (const path of mutations()) {
      const res = await postMutation(server.url, path, { unexpected: true }, { cookie: cookie.owner })
      const body = res.body as { error?: { message?: string } }
      expect({ path, status: res.status }).toEqual({ path, status: 400 })
      expect(body.error?.message, path).toMatch(/^[^[{]/)
      expect(body.error?.message?.length ?? 0, path).toBeGreaterThan(5)
    }
  })
})

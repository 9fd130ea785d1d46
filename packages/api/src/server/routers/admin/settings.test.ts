import { openTestStores } from '@tandem/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adminClient } from '../../../test-support/clients.ts'
import { insertProgram } from '../../../test-support/fixtures.ts'
import { loggedInAdmin } from '../../../test-support/logged-in-clients.ts'

type Api = Awaited<ReturnType<ReturnType<typeof adminClient>['api']>>

describe('admin settings.* (team, API keys, webhooks, audit log)', () => {
  let stores: Awaited<ReturnType<typeof openTestStores>>
  let owner: Api
  let manager: Api
  let viewer: Api
  let program: string

  beforeAll(async () => {
    stores = await openTestStores()
    owner = await (await loggedInAdmin(stores, 'owner')).api()
    manager = await (await loggedInAdmin(stores, 'manager')).api()
    viewer = await (await loggedInAdmin(stores, 'viewer')).api()
    program = await insertProgram(stores, { currency: 'EUR', name: 'Shop' })
  })
  afterAll(async () => {
    await stores?.dispose()
  })

  it('lets only an owner invite, change roles and remove; the invited person sets a password and is in', async () => {
    await expect(
      manager.settings.invite({ email: 'x@shop.example', name: 'X', role: 'viewer' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This needs the owner role',
    })
    const invite = await owner.settings.invite({ email: 'mia@shop.example', name: 'Mia', role: 'manager' })
    const token = invite.path.split('/').pop() ?? ''
    const mia = adminClient(stores)
    const accepted = await (await mia.api()).settings.acceptInvitation({ token, password: 'mia password 1' })
    expect(accepted.user).toMatchObject({ email: 'mia@shop.example', adminRole: 'manager' })
    const team = await viewer.settings.team()
    const miaRow = team.members.find((m) => m.email === 'mia@shop.example')!
    await expect(manager.settings.setRole({ userId: miaRow.id, role: 'viewer' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    })
    await owner.settings.setRole({ userId: miaRow.id, role: 'viewer' })
    await expect(manager.settings.remove({ userId: miaRow.id })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await owner.settings.remove({ userId: miaRow.id })
    expect((await viewer.settings.team()).members.find((m) => m.id === miaRow.id)).toMatchObject({
      role: 'viewer',
      disabled: true,
    })
  })

  it('creates an API key shown once, lists it without the secret, and revokes it', async () => {
    const created = await manager.settings.createApiKey({
      programId: program,
      name: 'Shop backend',
      scopes: ['conversions:write'],
    })
    expect(created.key.length).toBeGreaterThan(20)
    const keys = await manager.settings.apiKeys({ programId: program })
    expect(keys).toMatchObject([{ name: 'Shop backend', scopes: ['conversions:write'], revokedAt: null }])
    expect(JSON.stringify(keys)).not.toContain(created.key)
    await manager.settings.revokeApiKey({ apiKeyId: created.id })
    expect((await manager.settings.apiKeys({ programId: program }))[0]?.revokedAt).not.toBeNull()
    await expect(viewer.settings.apiKeys({ programId: program })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('adds a webhook endpoint, queues a test send, and shows the audit log', async () => {
    const { endpoint, secret } = await manager.settings.createWebhook({
      programId: program,
      url: 'https://hooks.example/tandem',
    })
    expect(secret).toMatch(/^whsec_/)
    const test = await manager.settings.testWebhook({ endpointId: endpoint.id })
    const queued = await stores.db
      .selectFrom('outbox')
      .select(['topic', 'endpoint_id'])
      .where('event_id', '=', test.eventId)
      .execute()
    expect(queued).toEqual([{ topic: 'webhook.test', endpoint_id: endpoint.id }])
    await expect(
      manager.settings.replayWebhook({ endpointId: endpoint.id, eventId: test.eventId }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    await manager.settings.updateWebhook({ endpointId: endpoint.id, active: false })
    expect((await manager.settings.webhooks({ programId: program }))[0]?.active).toBe(false)
    expect(await manager.settings.deliveries({ endpointId: endpoint.id })).toEqual([])
    const audit = await viewer.settings.audit({ action: 'webhook' })
    expect(audit.map((a) => a.action)).toEqual([
      'webhook_endpoint.updated',
      'webhook.test_sent',
      'webhook_endpoint.created',
    ])
    expect(audit[0]?.actorName).toMatch(/User/)
  })
})

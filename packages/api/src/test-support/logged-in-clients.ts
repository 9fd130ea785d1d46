import type { Stores } from '@tandem/db'
import { adminClient, partnerClient } from './clients.ts'
import { insertUser, TEST_PASSWORD } from './fixtures.ts'

/** A new admin user with `role`, and a portal client already logged in as them. */
export async function loggedInAdmin(
  stores: Stores,
  role: 'owner' | 'manager' | 'viewer' = 'viewer',
): Promise<ReturnType<typeof adminClient>> {
  const user = await insertUser(stores, { kind: 'admin', role })
  const client = adminClient(stores)
  await (await client.api()).auth.login({ email: user.email, password: TEST_PASSWORD })
  return client
}

/** A new user of `partnerId`, and a partner portal client already logged in as them. */
export async function loggedInPartner(
  stores: Stores,
  partnerId: string,
): Promise<ReturnType<typeof partnerClient>> {
  const user = await insertUser(stores, { kind: 'partner', partnerId })
  const client = partnerClient(stores)
  await (await client.api()).auth.login({ email: user.email, password: TEST_PASSWORD })
  return client
}

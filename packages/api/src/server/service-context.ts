import type { ServiceContext } from '@tandem/services'
import type { Context } from './context.ts'

/** The services' context for an admin user's command: their clock and their name on the audit row. */
export function adminServiceContext(ctx: Pick<Context, 'stores' | 'auth'>, userId: string): ServiceContext {
  return { db: ctx.stores.db, now: () => ctx.auth.now(), actor: { type: 'user', id: userId } }
}

/** A partner's own command: services refuse anything of another partner's. */
export function partnerServiceContext(
  ctx: Pick<Context, 'stores' | 'auth'>,
  partnerId: string,
): ServiceContext {
  return { db: ctx.stores.db, now: () => ctx.auth.now(), actor: { type: 'partner', id: partnerId } }
}

import { insertAuditRow } from '@tandem/db'
import type { Context } from '../context.ts'
import type { SessionUser } from '../schemas/auth.ts'
import { serializeSessionCookie } from './cookies.ts'
import { createSession, deleteSession, loadSession } from './sessions.ts'

/**
 * Logs a user in on this portal after they proved who they are another way (an invitation or a
 * reset link): a new session, its cookie, and an audit row. Null when the user is not one of
 * this portal's (an admin resetting their password from the partner portal's page).
 */
export async function startSessionFor(
  ctx: Pick<Context, 'stores' | 'auth' | 'request' | 'session' | 'setCookie' | 'portal'>,
  userId: string,
  how: string,
): Promise<SessionUser | null> {
  const { stores, auth } = ctx
  const now = auth.now()
  if (ctx.session) await deleteSession(stores.db, ctx.session.id)
  const session = await createSession(stores.db, {
    userId,
    policy: auth.policy,
    now,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
  })
  const loaded = await loadSession(stores.db, {
    token: session.token,
    portal: ctx.portal,
    policy: auth.policy,
    now,
  })
  if (!loaded) {
    await deleteSession(stores.db, session.id)
    return null
  }
  await insertAuditRow(stores.db, {
    actorType: 'user',
    actorId: userId,
    action: 'auth.login',
    entityType: 'user',
    entityId: userId,
    data: { portal: ctx.portal, ip: ctx.request.ip, via: how },
  })
  ctx.setCookie(
    serializeSessionCookie(auth.policy.cookieName, session.token, {
      maxAgeSeconds: auth.policy.absoluteMs / 1000,
      secure: ctx.request.secure,
    }),
  )
  return loaded.user
}

import { insertAuditRow } from '@tandem/db'
import { TRPCError } from '@trpc/server'
import { serializeSessionCookie } from '../auth/cookies.ts'
import { checkCredentials } from '../auth/credentials.ts'
import { createSession, deleteSession, loadSession } from '../auth/sessions.ts'
import { AUTH_NOT_BATCHED, badRequest, forbidden, INVALID_CREDENTIALS, tooManyLogins } from '../errors.ts'
import { publicProcedure } from '../procedures.ts'
import { loginInput, loginOutput, logoutOutput, meOutput } from '../schemas/auth.ts'
import { router } from '../trpc.ts'

const OTHER_PORTAL_MESSAGE = {
  admin: 'This is an admin account: log in on the admin portal',
  partner: 'This is a partner account: log in on the partner portal',
} as const

/** auth.* — the same procedures on both portals; ctx.portal decides which users may log in. */
export const authRouter = router({
  login: publicProcedure
    .input(loginInput)
    .output(loginOutput)
    .mutation(async ({ ctx, input }) => {
      // A streamed (jsonl) response has sent its headers before we get here: the cookie would be lost.
      if (ctx.request.streaming) {
        throw badRequest('auth.login must be sent without streaming (use httpLink for auth calls)')
      }
      // Many guesses in one request would share one limit check; the HTTP handler refuses such
      // batches already, this is for any other way in.
      if (ctx.request.batched) throw badRequest(AUTH_NOT_BATCHED)
      const { auth, stores } = ctx
      // The attempt is counted before the password is checked (atomically, in Postgres): parallel
      // guesses each take a place in the count, and a locked account's password is never checked,
      // so neither portal can say "right password, wrong portal" while it is locked.
      const reservation = await auth.limiter.reserve(input.email, ctx.request.ip)
      if (!reservation.allowed) {
        ctx.setHeader('Retry-After', String(Math.ceil(reservation.retryAfterMs / 1000)))
        throw tooManyLogins(reservation.retryAfterMs)
      }
      const check = await checkCredentials(stores.db, {
        email: input.email,
        password: input.password,
        portal: ctx.portal,
        dummyHash: await auth.dummyHash(),
      })
      if (!check.ok) {
        // Every refusal keeps its attempt counted.
        if (check.reason === 'invalid') {
          throw new TRPCError({ code: 'UNAUTHORIZED', message: INVALID_CREDENTIALS })
        }
        if (check.reason === 'disabled') throw forbidden('This account is disabled')
        throw forbidden(OTHER_PORTAL_MESSAGE[check.kind])
      }
      await reservation.succeeded()

      const now = auth.now()
      // A login replaces whatever session this browser had on this portal.
      if (ctx.session) await deleteSession(stores.db, ctx.session.id)
      const session = await createSession(stores.db, {
        userId: check.userId,
        policy: auth.policy,
        now,
        ip: ctx.request.ip,
        userAgent: ctx.request.userAgent,
      })
      await insertAuditRow(stores.db, {
        actorType: 'user',
        actorId: check.userId,
        action: 'auth.login',
        entityType: 'user',
        entityId: check.userId,
        data: { portal: ctx.portal, ip: ctx.request.ip },
      })
      const loaded = await loadSession(stores.db, {
        token: session.token,
        portal: ctx.portal,
        policy: auth.policy,
        now,
      })
      if (!loaded) throw new Error('A session just created could not be loaded')
      ctx.setCookie(
        serializeSessionCookie(auth.policy.cookieName, session.token, {
          maxAgeSeconds: auth.policy.absoluteMs / 1000,
          secure: ctx.request.secure,
        }),
      )
      return { user: loaded.user }
    }),

  logout: publicProcedure.output(logoutOutput).mutation(async ({ ctx }) => {
    if (ctx.session) await deleteSession(ctx.stores.db, ctx.session.id)
    ctx.setCookie(
      serializeSessionCookie(ctx.auth.policy.cookieName, '', {
        maxAgeSeconds: 0,
        secure: ctx.request.secure,
      }),
    )
    return { ok: true as const }
  }),

  me: publicProcedure.output(meOutput).query(({ ctx }) => ({ user: ctx.session?.user ?? null })),
})

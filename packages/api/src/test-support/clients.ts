import type { Stores } from '@tandem/db'
import type { LoginLimits } from '../server/auth/login-limiter.ts'
import { createContextFactory, type Logger, type Portal } from '../server/context.ts'
import { adminRouter } from '../server/routers/admin/index.ts'
import { partnerRouter } from '../server/routers/partner/index.ts'
import { createCallerFactory } from '../server/trpc.ts'

export const TRACKER_URL = 'https://go.example'

export const silentLogger: Logger = { error: () => {}, warn: () => {} }

/**
 * A browser stand-in for one portal: a cookie jar fed by the Set-Cookie headers the procedures
 * write, and a fresh context (as a new request would get) for every call.
 */
function portalClient<TCaller>(
  stores: Stores,
  portal: Portal,
  makeCaller: (ctx: Awaited<ReturnType<ReturnType<typeof createContextFactory>>>) => TCaller,
  opts: { now?: () => Date; loginLimits?: Partial<LoginLimits>; ip?: string } = {},
) {
  const factory = createContextFactory({
    stores,
    portal,
    trackerUrl: TRACKER_URL,
    logger: silentLogger,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.loginLimits ? { loginLimits: opts.loginLimits } : {}),
  })
  const jar = new Map<string, string>()
  const setCookies: string[] = []
  const client = {
    jar,
    /** Every Set-Cookie header received, in order. */
    setCookies,
    async api(): Promise<TCaller> {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
      const ctx = await factory({
        req: { headers: cookie ? { cookie } : {}, socket: { remoteAddress: opts.ip ?? '127.0.0.1' } },
        res: {
          appendHeader: (_name: string, value: string | readonly string[]) => {
            for (const v of typeof value === 'string' ? [value] : value) {
              setCookies.push(v)
              const [pair = ''] = v.split(';')
              const eq = pair.indexOf('=')
              const name = pair.slice(0, eq)
              const val = pair.slice(eq + 1)
              if (/Max-Age=0/.test(v) || val === '') jar.delete(name)
              else jar.set(name, val)
            }
          },
        },
      })
      return makeCaller(ctx)
    },
  }
  return client
}

const adminCaller = createCallerFactory(adminRouter)
const partnerCaller = createCallerFactory(partnerRouter)

export function adminClient(stores: Stores, opts: Parameters<typeof portalClient>[3] = {}) {
  return portalClient(stores, 'admin', (ctx) => adminCaller(ctx), opts)
}

export function partnerClient(stores: Stores, opts: Parameters<typeof portalClient>[3] = {}) {
  return portalClient(stores, 'partner', (ctx) => partnerCaller(ctx), opts)
}

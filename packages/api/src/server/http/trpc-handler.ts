import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Stores } from '@tandem/db'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'
import type { LoginRateLimiter } from '../auth/rate-limiter.ts'
import { consoleLogger, createContextFactory, type Logger, type Portal } from '../context.ts'
import { adminRouter } from '../routers/admin/index.ts'
import { partnerRouter } from '../routers/partner/index.ts'

export interface TrpcHandlerOptions {
  portal: Portal
  stores: Stores
  trackerUrl: string
  logger?: Logger
  limiter?: LoginRateLimiter
  /** Where the router is mounted; default '/trpc/'. */
  basePath?: string
}

/** Request bodies above this are refused (413): no procedure takes more than a form's worth. */
const MAX_BODY_BYTES = 1_000_000

/**
 * The portal's router behind node:http, at /trpc/. Unexpected errors are logged here with their
 * cause and reach the client as a generic INTERNAL_SERVER_ERROR (see the error formatter).
 */
export function createTrpcHandler(
  opts: TrpcHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const logger = opts.logger ?? consoleLogger
  const createContext = createContextFactory({
    stores: opts.stores,
    portal: opts.portal,
    trackerUrl: opts.trackerUrl,
    logger,
    ...(opts.limiter ? { limiter: opts.limiter } : {}),
  })
  const shared = {
    createContext,
    basePath: opts.basePath ?? '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    onError({
      error,
      path,
      type,
    }: {
      error: { code: string; message: string; cause?: unknown }
      path?: string | undefined
      type: string
    }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        logger.error(`tRPC ${type} ${path ?? '(unknown path)'} failed`, { error: error.cause ?? error })
      }
    },
  }
  return opts.portal === 'admin'
    ? createHTTPHandler({ router: adminRouter, ...shared })
    : createHTTPHandler({ router: partnerRouter, ...shared })
}

import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Stores } from '@tandem/db'
import { createHTTPHandler } from '@trpc/server/adapters/standalone'
import type { LoginLimits } from '../auth/login-limiter.ts'
import { consoleLogger, createContextFactory, type Logger, type Portal } from '../context.ts'
import { adminRouter } from '../routers/admin/index.ts'
import { partnerRouter } from '../routers/partner/index.ts'
import { TrustedProxies } from './client-address.ts'
import { MAX_BATCH_SIZE, refuseTrpcRequest, sendRefusal } from './request-guard.ts'

export interface TrpcHandlerOptions {
  portal: Portal
  stores: Stores
  trackerUrl: string
  /** Public base URL of the partner portal (invitation links the admin portal shows); '' when unknown. */
  partnerUrl?: string
  logger?: Logger
  /** Login limits (defaults: 5 per account, 20 per address, in 15 minutes). */
  loginLimits?: Partial<LoginLimits>
  /** TRUSTED_PROXIES: addresses / CIDR ranges whose X-Forwarded-For is believed. Default none. */
  trustedProxies?: readonly string[]
  /** Where the router is mounted; default '/trpc/'. */
  basePath?: string
}

/** Request bodies above this are refused (413): no procedure takes more than a form's worth. */
const MAX_BODY_BYTES = 1_000_000

/**
 * The portal's router behind node:http, at /trpc/. Unexpected errors are logged here with their
 * cause and reach the client as a generic INTERNAL_SERVER_ERROR (see the error formatter).
 * Before tRPC: oversized batches and batched auth.* calls are refused, and mutations must be JSON
 * from the portal's own origin (request-guard.ts).
 */
export function createTrpcHandler(
  opts: TrpcHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => void {
  const logger = opts.logger ?? consoleLogger
  const createContext = createContextFactory({
    stores: opts.stores,
    portal: opts.portal,
    trackerUrl: opts.trackerUrl,
    ...(opts.partnerUrl ? { partnerUrl: opts.partnerUrl } : {}),
    logger,
    ...(opts.loginLimits ? { loginLimits: opts.loginLimits } : {}),
    ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
  })
  const basePath = opts.basePath ?? '/trpc/'
  const trusted = new TrustedProxies(opts.trustedProxies ?? [])
  const shared = {
    createContext,
    basePath,
    maxBodySize: MAX_BODY_BYTES,
    maxBatchSize: MAX_BATCH_SIZE,
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
  const handle =
    opts.portal === 'admin'
      ? createHTTPHandler({ router: adminRouter, ...shared })
      : createHTTPHandler({ router: partnerRouter, ...shared })
  return (req, res) => {
    const refusal = refuseTrpcRequest(req, basePath, trusted)
    if (refusal) sendRefusal(res, refusal)
    else handle(req, res)
  }
}

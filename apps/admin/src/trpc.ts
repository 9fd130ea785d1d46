import type { AdminRouter } from '@tandem/api'
import { createTRPCClient, httpBatchLink } from '@trpc/client'
import { createTRPCContext } from '@trpc/tanstack-react-query'

// Type-only import above: the router's server code never enters the browser bundle.
export const { TRPCProvider, useTRPC } = createTRPCContext<AdminRouter>()

/**
 * The client for the admin server's /trpc (same origin, so the session cookie goes along).
 * Not streaming: auth.login must set its cookie in ordinary response headers.
 */
export function createApiClient() {
  return createTRPCClient<AdminRouter>({ links: [httpBatchLink({ url: '/trpc' })] })
}

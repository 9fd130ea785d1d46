import type { PartnerRouter } from '@tandem/api'
import { createTRPCClient, httpBatchLink } from '@trpc/client'
import { createTRPCContext } from '@trpc/tanstack-react-query'

// Type-only import above: the router's server code never enters the browser bundle.
export const { TRPCProvider, useTRPC } = createTRPCContext<PartnerRouter>()

/**
 * The client for the partner portal server's /trpc (same origin, so the session cookie goes along).
 * Not streaming: auth.login must set its cookie in ordinary response headers.
 */
export function createApiClient() {
  return createTRPCClient<PartnerRouter>({ links: [httpBatchLink({ url: '/trpc' })] })
}

import type { PartnerRouter } from '@tandem/api'
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from '@trpc/client'
import { createTRPCContext } from '@trpc/tanstack-react-query'

// Type-only import above: the router's server code never enters the browser bundle.
export const { TRPCProvider, useTRPC } = createTRPCContext<PartnerRouter>()

/**
 * The client for the server's /trpc (same origin, so the session cookie goes along). auth.* and
 * account.* calls (they log in) go one per request (the server refuses them in a batch: each login attempt is limited on its
 * own); the rest are batched, at most 10 a request (the server's MAX_BATCH_SIZE). Not streaming:
 * auth.login must set its cookie in ordinary response headers.
 */
export function createApiClient() {
  return createTRPCClient<PartnerRouter>({
    links: [
      splitLink({
        condition: (op) => op.path.startsWith('auth.') || op.path.startsWith('account.'),
        true: httpLink({ url: '/trpc' }),
        false: httpBatchLink({ url: '/trpc', maxItems: 10 }),
      }),
    ],
  })
}

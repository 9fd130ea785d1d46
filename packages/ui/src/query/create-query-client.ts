import { QueryCache, QueryClient } from '@tanstack/react-query'
import { isClientError, isUnauthorized } from '../errors/error-message.ts'

export interface QueryClientOptions {
  /** A query came back UNAUTHORIZED (session expired or logged out elsewhere): recheck the session. */
  readonly onUnauthorized: (client: QueryClient) => void
}

/**
 * The React Query client both portals use: 4xx answers are not retried (the same question gets
 * the same answer), other failures twice; data is fresh for 30 s so moving between pages is instant.
 */
export function createQueryClient({ onUnauthorized }: QueryClientOptions): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        if (isUnauthorized(error)) onUnauthorized(client)
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => !isClientError(error) && failures < 2,
      },
      mutations: { retry: false },
    },
  })
  return client
}

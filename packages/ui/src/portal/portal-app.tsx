import { type QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { type ComponentType, type ReactNode, useState } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router'
import { createQueryClient } from '../query/create-query-client.ts'

export interface ApiProviderProps<TClient> {
  readonly trpcClient: TClient
  readonly queryClient: QueryClient
  readonly children: ReactNode
}

export interface PortalAppProps<TClient> {
  /** The app's tRPC provider and the function that makes its client. */
  readonly ApiProvider: ComponentType<ApiProviderProps<TClient>>
  readonly createApiClient: () => TClient
  /** The query key prefix of auth.me: invalidated when a query comes back UNAUTHORIZED. */
  readonly sessionKey: readonly unknown[]
  readonly loginPage: ReactNode
  /** `<Route>`s anyone may open without logging in (join pages, set-password links). */
  readonly publicRoutes?: ReactNode
  /** The layout every other route renders in (session gate and top bar). */
  readonly layout: ReactNode
  readonly notFoundPage: ReactNode
  /** The `<Route>`s inside the layout. */
  readonly children: ReactNode
}

/** A portal's clients (made once per page load, never at import time) and routes. */
export function PortalApp<TClient>({
  ApiProvider,
  createApiClient,
  sessionKey,
  loginPage,
  publicRoutes,
  layout,
  notFoundPage,
  children,
}: PortalAppProps<TClient>) {
  const [queryClient] = useState(() =>
    createQueryClient({ onUnauthorized: (client) => client.invalidateQueries({ queryKey: sessionKey }) }),
  )
  const [trpcClient] = useState(createApiClient)
  return (
    <QueryClientProvider client={queryClient}>
      <ApiProvider trpcClient={trpcClient} queryClient={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={loginPage} />
            {publicRoutes}
            <Route element={layout}>
              {children}
              <Route path="*" element={notFoundPage} />
            </Route>
          </Routes>
        </BrowserRouter>
      </ApiProvider>
    </QueryClientProvider>
  )
}

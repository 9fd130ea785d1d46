import { createQueryClient } from '@tandem/ui'
import { QueryClientProvider } from '@tanstack/react-query'
import { lazy, useState } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router'
import { LoginPage } from './pages/login-page.tsx'
import { NotFoundPage } from './pages/not-found-page.tsx'
import { AdminLayout } from './session/admin-layout.tsx'
import { ME_KEY } from './session/use-session.ts'
import { createApiClient, TRPCProvider } from './trpc.ts'

// Pages load on first visit: the login page does not wait for the charting library.
const OverviewPage = lazy(() =>
  import('./pages/overview-page.tsx').then((m) => ({ default: m.OverviewPage })),
)
const PartnersPage = lazy(() =>
  import('./pages/partners-page.tsx').then((m) => ({ default: m.PartnersPage })),
)
const ConversionsPage = lazy(() =>
  import('./pages/conversions-page.tsx').then((m) => ({ default: m.ConversionsPage })),
)

/** Clients are made here, once per page load (never at import time). */
export function App() {
  const [queryClient] = useState(() =>
    createQueryClient({ onUnauthorized: (client) => client.invalidateQueries({ queryKey: ME_KEY }) }),
  )
  const [trpcClient] = useState(createApiClient)
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route element={<AdminLayout />}>
              <Route index element={<OverviewPage />} />
              <Route path="partners" element={<PartnersPage />} />
              <Route path="conversions" element={<ConversionsPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </TRPCProvider>
    </QueryClientProvider>
  )
}

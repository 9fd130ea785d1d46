import { createQueryClient } from '@tandem/ui'
import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router'
import { ConversionsPage } from './pages/conversions-page.tsx'
import { LoginPage } from './pages/login-page.tsx'
import { NotFoundPage } from './pages/not-found-page.tsx'
import { OverviewPage } from './pages/overview-page.tsx'
import { PartnersPage } from './pages/partners-page.tsx'
import { AdminLayout } from './session/admin-layout.tsx'
import { ME_KEY } from './session/use-session.ts'
import { createApiClient, TRPCProvider } from './trpc.ts'

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

import { PortalApp } from '@tandem/ui'
import { lazy } from 'react'
import { Route } from 'react-router'
import { LoginPage } from './pages/login-page.tsx'
import { NotFoundPage } from './pages/not-found-page.tsx'
import { PartnerLayout } from './session/partner-layout.tsx'
import { ME_KEY } from './session/use-session.ts'
import { createApiClient, TRPCProvider } from './trpc.ts'

// Pages load on first visit: the login page does not wait for the charting library.
const DashboardPage = lazy(() =>
  import('./pages/dashboard-page.tsx').then((m) => ({ default: m.DashboardPage })),
)
const LinksPage = lazy(() => import('./pages/links-page.tsx').then((m) => ({ default: m.LinksPage })))
const ConversionsPage = lazy(() =>
  import('./pages/conversions-page.tsx').then((m) => ({ default: m.ConversionsPage })),
)

export function App() {
  return (
    <PortalApp
      ApiProvider={TRPCProvider}
      createApiClient={createApiClient}
      sessionKey={ME_KEY}
      loginPage={<LoginPage />}
      layout={<PartnerLayout />}
      notFoundPage={<NotFoundPage />}
    >
      <Route index element={<DashboardPage />} />
      <Route path="links" element={<LinksPage />} />
      <Route path="conversions" element={<ConversionsPage />} />
    </PortalApp>
  )
}

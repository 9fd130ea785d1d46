import { PortalApp } from '@tandem/ui'
import { lazy } from 'react'
import { Route } from 'react-router'
import { LoginPage } from './pages/login-page.tsx'
import { NotFoundPage } from './pages/not-found-page.tsx'
import { AcceptInvitationPage } from './pages/settings/accept-invitation-page.tsx'
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
const ProgramsPage = lazy(() =>
  import('./pages/programs/programs-page.tsx').then((m) => ({ default: m.ProgramsPage })),
)
const NewProgramPage = lazy(() =>
  import('./pages/programs/new-program-page.tsx').then((m) => ({ default: m.NewProgramPage })),
)
const ProgramPage = lazy(() =>
  import('./pages/programs/program-page.tsx').then((m) => ({ default: m.ProgramPage })),
)
const NewPartnerPage = lazy(() =>
  import('./pages/partners/new-partner-page.tsx').then((m) => ({ default: m.NewPartnerPage })),
)
const PartnerPage = lazy(() =>
  import('./pages/partners/partner-page.tsx').then((m) => ({ default: m.PartnerPage })),
)
const ConversionPage = lazy(() =>
  import('./pages/conversions/conversion-page.tsx').then((m) => ({ default: m.ConversionPage })),
)
const PayoutsPage = lazy(() =>
  import('./pages/payouts/payouts-page.tsx').then((m) => ({ default: m.PayoutsPage })),
)
const BatchPage = lazy(() => import('./pages/payouts/batch-page.tsx').then((m) => ({ default: m.BatchPage })))
const SettingsPage = lazy(() =>
  import('./pages/settings/settings-page.tsx').then((m) => ({ default: m.SettingsPage })),
)
const ReportsPage = lazy(() =>
  import('./pages/reports/reports-page.tsx').then((m) => ({ default: m.ReportsPage })),
)
const ReferralsPage = lazy(() =>
  import('./pages/referrals/referrals-page.tsx').then((m) => ({ default: m.ReferralsPage })),
)
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
      layout={<AdminLayout />}
      notFoundPage={<NotFoundPage />}
      publicRoutes={<Route path="/invite/:token" element={<AcceptInvitationPage />} />}
    >
      <Route index element={<OverviewPage />} />
      <Route path="programs" element={<ProgramsPage />} />
      <Route path="programs/new" element={<NewProgramPage />} />
      <Route path="programs/:programId/:tab?" element={<ProgramPage />} />
      <Route path="partners" element={<PartnersPage />} />
      <Route path="partners/new" element={<NewPartnerPage />} />
      <Route path="partners/:partnerId" element={<PartnerPage />} />
      <Route path="conversions" element={<ConversionsPage />} />
      <Route path="conversions/:conversionId" element={<ConversionPage />} />
      <Route path="payouts" element={<PayoutsPage />} />
      <Route path="payouts/:batchId" element={<BatchPage />} />
      <Route path="reports" element={<ReportsPage />} />
      <Route path="referrals" element={<ReferralsPage />} />
      <Route path="settings/:tab?" element={<SettingsPage />} />
    </PortalApp>
  )
}

import { FullPageLoading, PortalApp } from '@tandem/ui'
import { lazy, type ReactNode, Suspense } from 'react'
import { Navigate, Route } from 'react-router'
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
const LinkBuilderPage = lazy(() =>
  import('./pages/link-builder-page.tsx').then((m) => ({ default: m.LinkBuilderPage })),
)
const LinkDetailPage = lazy(() =>
  import('./pages/link-detail-page.tsx').then((m) => ({ default: m.LinkDetailPage })),
)
const SettingsPage = lazy(() =>
  import('./pages/settings-page.tsx').then((m) => ({ default: m.SettingsPage })),
)
const PayoutsPage = lazy(() => import('./pages/payouts-page.tsx').then((m) => ({ default: m.PayoutsPage })))
const PayoutDetailPage = lazy(() =>
  import('./pages/payouts-page.tsx').then((m) => ({ default: m.PayoutDetailPage })),
)
const ReferPage = lazy(() => import('./pages/refer-page.tsx').then((m) => ({ default: m.ReferPage })))
const ProgramsPage = lazy(() =>
  import('./pages/programs-page.tsx').then((m) => ({ default: m.ProgramsPage })),
)
const JoinPage = lazy(() => import('./pages/join-page.tsx').then((m) => ({ default: m.JoinPage })))
const SetPasswordPage = lazy(() =>
  import('./pages/set-password-page.tsx').then((m) => ({ default: m.SetPasswordPage })),
)
const ForgotPasswordPage = lazy(() =>
  import('./pages/set-password-page.tsx').then((m) => ({ default: m.ForgotPasswordPage })),
)
const EarningsPage = lazy(() =>
  import('./pages/earnings-page.tsx').then((m) => ({ default: m.EarningsPage })),
)

export function App() {
  return (
    <PortalApp
      ApiProvider={TRPCProvider}
      createApiClient={createApiClient}
      sessionKey={ME_KEY}
      loginPage={<LoginPage />}
      publicRoutes={
        <>
          <Route path="/join/:slug" element={<Public page={<JoinPage />} />} />
          <Route path="/invite/:token" element={<Public page={<SetPasswordPage mode="invite" />} />} />
          <Route path="/reset-password/:token" element={<Public page={<SetPasswordPage mode="reset" />} />} />
          <Route path="/forgot-password" element={<Public page={<ForgotPasswordPage />} />} />
        </>
      }
      layout={<PartnerLayout />}
      notFoundPage={<NotFoundPage />}
    >
      <Route index element={<DashboardPage />} />
      <Route path="links" element={<LinksPage />} />
      <Route path="links/new" element={<LinkBuilderPage />} />
      <Route path="links/:id" element={<LinkDetailPage />} />
      <Route path="earnings" element={<EarningsPage />} />
      <Route path="settings" element={<SettingsPage />} />
      <Route path="refer" element={<ReferPage />} />
      <Route path="programs" element={<ProgramsPage />} />
      <Route path="payouts" element={<PayoutsPage />} />
      <Route path="payouts/:id" element={<PayoutDetailPage />} />
      <Route path="conversions" element={<Navigate to="/earnings" replace />} />
    </PortalApp>
  )
}

/** A public page loads on its own (the layout's Suspense is not around it). */
function Public({ page }: { readonly page: ReactNode }) {
  return <Suspense fallback={<FullPageLoading />}>{page}</Suspense>
}

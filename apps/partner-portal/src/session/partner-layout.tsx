import type { SessionUser } from '@tandem/api'
import { AppShell, LoadingState, type NavItem, SessionGate } from '@tandem/ui'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Suspense } from 'react'
import { Outlet, useNavigate } from 'react-router'
import { useTRPC } from '../trpc.ts'
import { useSessionQuery } from './use-session.ts'

const NAV: readonly NavItem[] = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/links', label: 'Links & coupons' },
  { to: '/conversions', label: 'Conversions' },
]

/** Every page behind the login: the session check, the top bar with the partner's name, then the page. */
export function PartnerLayout() {
  const me = useSessionQuery()
  return (
    <SessionGate status={me.status} user={me.data?.user} error={me.error} onRetry={() => void me.refetch()}>
      {(user) => <Shell user={user} />}
    </SessionGate>
  )
}

function Shell({ user }: { readonly user: SessionUser }) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      // Forget everything the last user saw, even if the server could not be reached.
      onSettled: () => {
        queryClient.clear()
        navigate('/login', { replace: true })
      },
    }),
  )
  // The partner (a company or a person) is who the portal is for; the login is secondary.
  const name = user.partnerName ?? user.name
  const detail = user.partnerName && user.partnerName !== user.name ? user.name : user.email
  return (
    <AppShell
      product="Partner portal"
      nav={NAV}
      user={{ name, detail }}
      onLogout={() => logout.mutate()}
      loggingOut={logout.isPending}
    >
      <Suspense fallback={<LoadingState />}>
        <Outlet context={user} />
      </Suspense>
    </AppShell>
  )
}

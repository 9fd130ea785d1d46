import type { SessionUser } from '@tandem/api'
import { AppShell, LoadingState, type NavItem, SessionGate } from '@tandem/ui'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Suspense } from 'react'
import { Outlet, useNavigate } from 'react-router'
import { useTRPC } from '../trpc.ts'
import { roleLabel, useSessionQuery } from './use-session.ts'

const NAV: readonly NavItem[] = [
  { to: '/', label: 'Overview', end: true },
  { to: '/partners', label: 'Partners' },
  { to: '/conversions', label: 'Conversions' },
]

/** Every page behind the login: the session check, the top bar, then the page. */
export function AdminLayout() {
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
  return (
    <AppShell
      product="Admin"
      nav={NAV}
      user={{ name: user.name, detail: roleLabel(user) }}
      onLogout={() => logout.mutate()}
      loggingOut={logout.isPending}
    >
      <Suspense fallback={<LoadingState />}>
        <Outlet context={user} />
      </Suspense>
    </AppShell>
  )
}

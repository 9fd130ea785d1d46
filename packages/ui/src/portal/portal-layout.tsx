import { type UseMutationOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import { Suspense } from 'react'
import { Outlet, useNavigate } from 'react-router'
import { AppShell, type NavItem, type ShellUser } from '../components/app-shell.tsx'
import { SessionGate } from '../components/session-gate.tsx'
import { LoadingState } from '../components/states.tsx'

/** The parts of the app's auth.me query the layout reads. */
export interface SessionQuery<TUser> {
  readonly status: 'pending' | 'error' | 'success'
  readonly data?: { readonly user: TUser | null } | undefined
  readonly error: unknown
  refetch(): unknown
}

export interface PortalLayoutProps<TUser, TLogoutData, TLogoutError> {
  /** Which portal this is: "Admin", "Partner portal". */
  readonly product: string
  readonly nav: readonly NavItem[]
  readonly session: SessionQuery<TUser>
  /** The name (and second line) shown in the top bar for the logged-in user. */
  readonly shellUser: (user: TUser) => ShellUser
  /** The app's auth.logout mutation options, given the callback to run once it is over. */
  readonly logoutOptions: (callbacks: {
    onSettled: () => void
  }) => UseMutationOptions<TLogoutData, TLogoutError, void>
}

/**
 * Every page behind the login: the session check, the top bar, then the page (which gets the
 * user as its outlet context).
 */
export function PortalLayout<TUser, TLogoutData, TLogoutError>({
  session,
  ...shell
}: PortalLayoutProps<TUser, TLogoutData, TLogoutError>) {
  return (
    <SessionGate
      status={session.status}
      user={session.data?.user}
      error={session.error}
      onRetry={() => void session.refetch()}
    >
      {(user) => <SignedInShell user={user} {...shell} />}
    </SessionGate>
  )
}

type SignedInShellProps<TUser, TLogoutData, TLogoutError> = Omit<
  PortalLayoutProps<TUser, TLogoutData, TLogoutError>,
  'session'
> & { readonly user: TUser }

function SignedInShell<TUser, TLogoutData, TLogoutError>({
  product,
  nav,
  user,
  shellUser,
  logoutOptions,
}: SignedInShellProps<TUser, TLogoutData, TLogoutError>) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const logout = useMutation(
    logoutOptions({
      // Forget everything the last user saw, even if the server could not be reached.
      onSettled: () => {
        queryClient.clear()
        navigate('/login', { replace: true })
      },
    }),
  )
  return (
    <AppShell
      product={product}
      nav={nav}
      user={shellUser(user)}
      onLogout={() => logout.mutate()}
      loggingOut={logout.isPending}
    >
      <Suspense fallback={<LoadingState />}>
        <Outlet context={user} />
      </Suspense>
    </AppShell>
  )
}

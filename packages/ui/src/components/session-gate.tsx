import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { errorMessage } from '../errors/error-message.ts'
import { ErrorState, FullPageLoading } from './states.tsx'

export interface SessionGateProps<User> {
  /** The `auth.me` query: pending, failed, or answered with the user (null when logged out). */
  readonly status: 'pending' | 'error' | 'success'
  readonly user: User | null | undefined
  readonly error: unknown
  readonly onRetry: () => void
  readonly loginPath?: string
  readonly children: (user: User) => ReactNode
}

/** Renders the page for a logged-in user; anyone else goes to the login page, which brings them back. */
export function SessionGate<User>({
  status,
  user,
  error,
  onRetry,
  loginPath = '/login',
  children,
}: SessionGateProps<User>) {
  const location = useLocation()
  if (status === 'pending') return <FullPageLoading label="Checking your session…" />
  if (status === 'error') {
    return (
      <div className="full-page">
        <ErrorState title="Could not check your session" message={errorMessage(error)} onRetry={onRetry} />
      </div>
    )
  }
  if (!user) {
    const here = `${location.pathname}${location.search}`
    const target = here === '/' ? loginPath : `${loginPath}?next=${encodeURIComponent(here)}`
    return <Navigate to={target} replace />
  }
  return <>{children(user)}</>
}

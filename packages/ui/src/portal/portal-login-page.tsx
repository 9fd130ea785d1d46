import { type UseMutationOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { LoginForm } from '../components/login-form.tsx'
import { errorMessage } from '../errors/error-message.ts'
import { safeNextPath } from '../routing/safe-next-path.ts'

export interface LoginCredentials {
  readonly email: string
  readonly password: string
}

export interface PortalLoginPageProps<TData extends { readonly user: unknown }, TError> {
  /** Which portal this is: "Admin", "Partner portal". */
  readonly product: string
  /** The session check already found a logged-in user. */
  readonly signedIn: boolean
  /** The query key of auth.me: the new user is stored there, so the gate lets them straight in. */
  readonly sessionKey: readonly unknown[]
  /** The app's auth.login mutation options, given the callback to run after a login. */
  readonly loginOptions: (callbacks: {
    onSuccess: (data: { readonly user: unknown }) => void
  }) => UseMutationOptions<TData, TError, LoginCredentials>
  /** Below the form: "Forgot your password?", "Join a program". */
  readonly footer?: ReactNode
}

/** The login route: logs in, forgets the last user's data, then goes back to `?next=` (or home). */
export function PortalLoginPage<TData extends { readonly user: unknown }, TError>({
  product,
  signedIn,
  sessionKey,
  loginOptions,
  footer,
}: PortalLoginPageProps<TData, TError>) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNextPath(params.get('next'))
  const login = useMutation(
    loginOptions({
      onSuccess: ({ user }) => {
        queryClient.clear()
        queryClient.setQueryData(sessionKey, { user })
        navigate(next, { replace: true })
      },
    }),
  )
  if (signedIn && !login.isPending) return <Navigate to={next} replace />
  return (
    <LoginForm
      product={product}
      notice={params.has('next') ? 'Please log in to continue.' : null}
      onSubmit={(credentials) => login.mutate(credentials)}
      error={login.error ? errorMessage(login.error) : null}
      pending={login.isPending}
      footer={footer}
    />
  )
}

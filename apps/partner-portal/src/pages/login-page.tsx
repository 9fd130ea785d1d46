import { errorMessage, LoginForm, safeNextPath } from '@tandem/ui'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { useSessionQuery } from '../session/use-session.ts'
import { useTRPC } from '../trpc.ts'

export function LoginPage() {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNextPath(params.get('next'))
  const me = useSessionQuery()
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: ({ user }) => {
        queryClient.clear()
        queryClient.setQueryData(trpc.auth.me.queryKey(), { user })
        navigate(next, { replace: true })
      },
    }),
  )
  if (me.data?.user && !login.isPending) return <Navigate to={next} replace />
  return (
    <LoginForm
      product="Partner portal"
      notice={params.has('next') ? 'Please log in to continue.' : null}
      onSubmit={(credentials) => login.mutate(credentials)}
      error={login.error ? errorMessage(login.error) : null}
      pending={login.isPending}
    />
  )
}

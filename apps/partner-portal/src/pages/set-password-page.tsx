import { zodResolver } from '@hookform/resolvers/zod'
import { errorMessage, LoadingState } from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { Link, useNavigate, useParams } from 'react-router'
import { z } from 'zod'
import { describedBy, FormField } from '../forms/form-field.tsx'
import { applyServerErrors } from '../forms/server-errors.ts'
import { PublicShell } from '../public/public-shell.tsx'
import { useTRPC } from '../trpc.ts'

const schema = z
  .object({
    password: z.string().min(10, 'Use at least 10 characters').max(200, 'Use at most 200 characters'),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ' })
type Values = z.infer<typeof schema>

/**
 * /invite/:token and /reset-password/:token — choose a password from the emailed link, then go
 * straight into the portal (the server logs the partner in).
 */
export function SetPasswordPage({ mode }: { readonly mode: 'invite' | 'reset' }) {
  const { token = '' } = useParams()
  const trpc = useTRPC()
  const invitation = useQuery(
    trpc.account.invitation.queryOptions(
      { token },
      { enabled: mode === 'invite' && token.length >= 20, retry: false },
    ),
  )
  const badToken = token.length < 20 || (mode === 'invite' && invitation.data?.valid === false)
  return (
    <PublicShell>
      <div className="login-card public-card">
        <h1 className="login-title">{mode === 'invite' ? 'Set your password' : 'Choose a new password'}</h1>
        {mode === 'invite' && invitation.isPending && !badToken ? (
          <LoadingState label="Checking your link…" />
        ) : badToken || invitation.isError ? (
          <>
            <div className="alert alert-error" role="alert">
              This link is not valid any more: it was used already or it expired.
            </div>
            <p className="muted small">
              {mode === 'invite' ? (
                <>
                  Ask your program manager for a new invitation, or{' '}
                  <Link to="/forgot-password">reset your password</Link> if you set one already.
                </>
              ) : (
                <Link to="/forgot-password">Ask for a new link</Link>
              )}
            </p>
          </>
        ) : (
          <>
            {mode === 'invite' && invitation.data?.email ? (
              <p className="login-notice">
                Welcome{invitation.data.name ? `, ${invitation.data.name}` : ''}. You will log in as{' '}
                <strong data-testid="invite-email">{invitation.data.email}</strong>.
              </p>
            ) : null}
            <PasswordForm token={token} mode={mode} />
          </>
        )}
      </div>
    </PublicShell>
  )
}

function PasswordForm({ token, mode }: { readonly token: string; readonly mode: 'invite' | 'reset' }) {
  const trpc = useTRPC()
  const id = useId()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [formError, setFormError] = useState<string | null>(null)
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { password: '', confirm: '' } })
  const options = {
    onSuccess: (data: { user: unknown }) => {
      queryClient.clear()
      if (data.user) {
        queryClient.setQueryData(trpc.auth.me.queryKey(), { user: data.user } as never)
        navigate('/', { replace: true })
      } else navigate('/login', { replace: true })
    },
    onError: (error: unknown) => setFormError(applyServerErrors<Values>(error, ['password'], setError)),
  }
  const accept = useMutation(trpc.account.acceptInvitation.mutationOptions(options))
  const reset = useMutation(trpc.account.resetPassword.mutationOptions(options))
  const pending = accept.isPending || reset.isPending
  const submit = handleSubmit((v) => {
    setFormError(null)
    const input = { token, password: v.password }
    if (mode === 'invite') accept.mutate(input)
    else reset.mutate(input)
  })
  return (
    <form className="form-stack" onSubmit={submit} noValidate>
      {formError ? (
        <div className="alert alert-error" role="alert" data-testid="set-password-error">
          {formError}
        </div>
      ) : null}
      <FormField id={`${id}-password`} label="Password" error={errors.password} hint="At least 10 characters">
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          {...describedBy(`${id}-password`, errors.password, true)}
          {...register('password')}
        />
      </FormField>
      <FormField id={`${id}-confirm`} label="Repeat the password" error={errors.confirm}>
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          {...describedBy(`${id}-confirm`, errors.confirm)}
          {...register('confirm')}
        />
      </FormField>
      <button type="submit" className="button button-primary button-block" disabled={pending}>
        {pending ? 'Saving…' : mode === 'invite' ? 'Set password and open the portal' : 'Save and log in'}
      </button>
    </form>
  )
}

/** /forgot-password — asks for a reset link; the answer never says whether the address has an account. */
export function ForgotPasswordPage() {
  const trpc = useTRPC()
  const id = useId()
  const [sentTo, setSentTo] = useState<string | null>(null)
  const form = useForm<{ email: string }>({
    resolver: zodResolver(z.object({ email: z.string().trim().email('Enter a valid email address') })),
    defaultValues: { email: '' },
  })
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions())
  const submit = form.handleSubmit((v) =>
    request.mutate({ email: v.email }, { onSuccess: () => setSentTo(v.email.trim()) }),
  )
  return (
    <PublicShell>
      <div className="login-card public-card">
        <h1 className="login-title">Reset your password</h1>
        {sentTo ? (
          <div role="status" data-testid="reset-requested">
            <p>
              If <strong>{sentTo}</strong> has a partner account, we emailed it a link to choose a new
              password. The link works for an hour.
            </p>
            <Link to="/login">Back to the login page</Link>
          </div>
        ) : (
          <form className="form-stack" onSubmit={submit} noValidate>
            <p className="login-notice">
              Enter the email you log in with: we send you a link to choose a new password.
            </p>
            {request.error ? (
              <div className="alert alert-error" role="alert">
                {errorMessage(request.error)}
              </div>
            ) : null}
            <FormField id={`${id}-email`} label="Email" error={form.formState.errors.email}>
              <input
                className="input"
                type="email"
                autoComplete="username"
                {...describedBy(`${id}-email`, form.formState.errors.email)}
                {...form.register('email')}
              />
            </FormField>
            <button type="submit" className="button button-primary button-block" disabled={request.isPending}>
              {request.isPending ? 'Sending…' : 'Email me a link'}
            </button>
            <Link to="/login" className="small">
              Back to the login page
            </Link>
          </form>
        )}
      </div>
    </PublicShell>
  )
}

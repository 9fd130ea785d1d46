import { BrandMark, errorMessage } from '@tandem/ui'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useNavigate, useParams } from 'react-router'
import { usePageTitle } from '../../kit/use-page-title.ts'
import { useTRPC } from '../../trpc.ts'

/** A team member's invitation link: they choose a password and are logged in. */
export function AcceptInvitationPage() {
  usePageTitle('Join the team')
  const { token = '' } = useParams()
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const [mismatch, setMismatch] = useState(false)
  const accept = useMutation(
    trpc.settings.acceptInvitation.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries()
        navigate('/', { replace: true })
      },
    }),
  )
  return (
    <div className="login-page">
      <form
        className="login-card form"
        aria-label="Set your password"
        onSubmit={(e) => {
          e.preventDefault()
          setMismatch(password !== repeat)
          if (password === repeat) accept.mutate({ token, password })
        }}
      >
        <div className="login-brand">
          <BrandMark />
          <span className="brand-name">Tandem</span>
        </div>
        <h1 className="login-title">Join the team</h1>
        <div className="form-field">
          <label htmlFor="invite-password">Password</label>
          <input
            id="invite-password"
            className="input"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <span className="form-hint">At least 10 characters</span>
        </div>
        <div className="form-field">
          <label htmlFor="invite-repeat">Password again</label>
          <input
            id="invite-repeat"
            className="input"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
          {mismatch ? (
            <span className="form-error" role="alert">
              The passwords differ
            </span>
          ) : null}
        </div>
        {accept.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(accept.error)}
          </div>
        ) : null}
        <button type="submit" className="button button-primary button-block" disabled={accept.isPending}>
          {accept.isPending ? 'Saving…' : 'Set password and open the portal'}
        </button>
      </form>
    </div>
  )
}

import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { BrandMark } from './app-shell.tsx'

export interface LoginFormProps {
  /** "Admin", "Partner portal". */
  readonly product: string
  readonly onSubmit: (credentials: { email: string; password: string }) => void
  /** The server's message ("Email or password is incorrect"), shown above the fields. */
  readonly error?: string | null
  readonly pending?: boolean
  readonly notice?: string | null
  /** Links under the button ("Forgot your password?"). */
  readonly footer?: ReactNode
}

/** Email + password on a centred card; the page around it belongs to the app. */
export function LoginForm({ product, onSubmit, error, pending = false, notice, footer }: LoginFormProps) {
  const id = useId()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    onSubmit({ email: email.trim(), password })
  }
  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate={false}>
        <div className="login-brand">
          <BrandMark size={32} />
          <span className="brand-name">Tandem</span>
          <span className="brand-product">{product}</span>
        </div>
        <h1 className="login-title" id={`${id}-title`}>
          Log in
        </h1>
        {notice ? <p className="login-notice">{notice}</p> : null}
        {error ? (
          <div className="alert alert-error" role="alert" data-testid="login-error">
            {error}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-email`} className="label">
            Email
          </label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            className="input"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`} className="label">
            Password
          </label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            className="input"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary button-block" disabled={pending}>
          {pending ? 'Logging in…' : 'Log in'}
        </button>
        {footer ? <div className="login-footer">{footer}</div> : null}
      </form>
    </div>
  )
}

import type { ReactNode } from 'react'

export function LoadingState({ label = 'Loading…' }: { readonly label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  )
}

/** Whole-page loading, e.g. while the session is checked. */
export function FullPageLoading({ label = 'Loading…' }: { readonly label?: string }) {
  return (
    <div className="full-page">
      <LoadingState label={label} />
    </div>
  )
}

export interface ErrorStateProps {
  readonly title?: string
  readonly message: string
  readonly onRetry?: () => void
}

export function ErrorState({ title = 'Could not load this', message, onRetry }: ErrorStateProps) {
  return (
    <div className="state state-error" role="alert">
      <div className="state-title">{title}</div>
      <div className="state-message">{message}</div>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  )
}

export interface EmptyStateProps {
  readonly title: string
  readonly description?: ReactNode
  readonly action?: ReactNode
}

export function EmptyState({ title, description, action }: EmptyStateProps) {
  return (
    <div className="state state-empty">
      <div className="state-title">{title}</div>
      {description ? <div className="state-message">{description}</div> : null}
      {action}
    </div>
  )
}

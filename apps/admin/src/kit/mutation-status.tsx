import { errorMessage } from '@tandem/ui'

/** What a mutation is doing, said next to its button: pending, done, or the server's message. */
export function MutationStatus({
  mutation,
  success,
  pending = 'Saving…',
  showError = true,
}: {
  readonly mutation: { isPending: boolean; isSuccess: boolean; isError: boolean; error: unknown }
  readonly success?: string | null
  readonly pending?: string
  /** false when the form shows the error itself (under its fields). */
  readonly showError?: boolean
}) {
  if (mutation.isPending)
    return (
      <span className="status-line is-pending" role="status">
        {pending}
      </span>
    )
  if (mutation.isError && showError)
    return (
      <span className="status-line is-error" role="alert">
        {errorMessage(mutation.error)}
      </span>
    )
  if (mutation.isSuccess && success)
    return (
      <span className="status-line is-ok" role="status">
        {success}
      </span>
    )
  return null
}

import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'

interface TrpcLikeError {
  readonly message: string
  readonly data?: { readonly issues?: readonly { path: string; message: string }[] | null } | null
}

/**
 * Puts the server's field problems (tRPC's data.issues) next to their fields; returns the message
 * for the whole form when none of them names a field of this form.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  fields: readonly Path<T>[],
  setError: UseFormSetError<T>,
): string | null {
  const e = error as TrpcLikeError
  const issues = e?.data?.issues ?? []
  let placed = false
  for (const issue of issues) {
    const field = fields.find((f) => f === issue.path)
    if (field) {
      setError(field, { type: 'server', message: issue.message })
      placed = true
    }
  }
  return placed ? null : (e?.message ?? 'Something went wrong. Please try again.')
}

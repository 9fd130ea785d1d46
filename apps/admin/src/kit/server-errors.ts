import { errorMessage } from '@tandem/ui'
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'

/**
 * Puts the server's per-field problems (tRPC's data.issues, from zod at the edge) under the form's
 * fields; returns the ones no field of the form shows, for a message at the top.
 */
export function applyServerIssues<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  rename: Record<string, string> = {},
): string[] {
  const issues = (error as { data?: { issues?: { path: string; message: string }[] | null } } | null)?.data
    ?.issues
  if (!issues) {
    // A service's refusal names its field first ("defaultLandingUrl: … is not one of …").
    const message = error instanceof Error ? error.message : ''
    const match = /^([A-Za-z][\w.]*): (.+)$/s.exec(message)
    const field = match ? (rename[match[1] ?? ''] ?? match[1] ?? '') : ''
    if (match && fields.includes(field)) {
      setError(field as Path<T>, { type: 'server', message: match[2] ?? message })
      return []
    }
    return message ? [errorMessage(error)] : []
  }
  const rest: string[] = []
  for (const issue of issues) {
    const field = rename[issue.path] ?? issue.path
    if (fields.includes(field)) setError(field as Path<T>, { type: 'server', message: issue.message })
    else rest.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message)
  }
  return rest
}

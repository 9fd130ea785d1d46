/**
 * Human text for an error thrown by a tRPC call or by fetch. The API already writes messages
 * for people ("Email or password is incorrect"); we only replace the ones that are not.
 */
export function errorMessage(error: unknown): string {
  if (!error) return 'Something went wrong.'
  const code = errorCode(error)
  if (code === 'INTERNAL_SERVER_ERROR') return 'Something went wrong on our side. Please try again.'
  if (code === 'TOO_MANY_REQUESTS' && !hasOwnMessage(error)) return 'Too many attempts. Please wait a moment.'
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : ''
  if (!message) return 'Something went wrong.'
  if (/failed to fetch|networkerror|load failed|fetch failed/i.test(message)) {
    return 'Cannot reach the server. Check your connection and try again.'
  }
  return validationMessage(message) ?? message
}

/** True when the server said the session is missing or expired. */
export function isUnauthorized(error: unknown): boolean {
  const data = errorData(error)
  return data?.code === 'UNAUTHORIZED' || data?.httpStatus === 401
}

/** True for 4xx answers: retrying them gives the same answer. */
export function isClientError(error: unknown): boolean {
  const status = errorData(error)?.httpStatus
  return typeof status === 'number' && status >= 400 && status < 500
}

function errorCode(error: unknown): string | undefined {
  const code = errorData(error)?.code
  return typeof code === 'string' ? code : undefined
}

function errorData(error: unknown): { code?: unknown; httpStatus?: unknown } | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined
  const data = (error as { data: unknown }).data
  return typeof data === 'object' && data !== null
    ? (data as { code?: unknown; httpStatus?: unknown })
    : undefined
}

function hasOwnMessage(error: unknown): boolean {
  return error instanceof Error && error.message !== '' && error.message !== 'TOO_MANY_REQUESTS'
}

/** tRPC puts zod issues in the message as JSON; show the first issue's text instead. */
function validationMessage(message: string): string | undefined {
  if (!message.startsWith('[')) return undefined
  try {
    const issues: unknown = JSON.parse(message)
    if (!Array.isArray(issues)) return undefined
    const first: unknown = issues[0]
    if (typeof first === 'object' && first !== null && 'message' in first) {
      const text = (first as { message: unknown; path?: unknown }).message
      const path = (first as { path?: unknown }).path
      const field = Array.isArray(path) && path.length > 0 ? `${path.join('.')}: ` : ''
      return typeof text === 'string' ? `${field}${text}` : undefined
    }
  } catch {
    return undefined
  }
  return undefined
}

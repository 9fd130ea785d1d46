import { describe, expect, it } from 'vitest'
import { safeNextPath } from '../routing/safe-next-path.ts'
import { errorMessage, isClientError, isUnauthorized } from './error-message.ts'

/** The shape of a TRPCClientError as the browser receives it. */
function trpcError(message: string, code: string, httpStatus: number) {
  return Object.assign(new Error(message), { data: { code, httpStatus } })
}

describe('errorMessage', () => {
  it("passes the server's own words through", () => {
    expect(errorMessage(trpcError('Email or password is incorrect', 'UNAUTHORIZED', 401))).toBe(
      'Email or password is incorrect',
    )
  })

  it('replaces messages not written for people', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/Cannot reach the server/)
    expect(errorMessage(trpcError('boom at line 3', 'INTERNAL_SERVER_ERROR', 500))).toMatch(/our side/)
    const zod = JSON.stringify([{ code: 'invalid_format', path: ['from'], message: 'Invalid date' }])
    expect(errorMessage(trpcError(zod, 'BAD_REQUEST', 400))).toBe('from: Invalid date')
  })

  it('classifies errors', () => {
    expect(isUnauthorized(trpcError('Please log in', 'UNAUTHORIZED', 401))).toBe(true)
    expect(isUnauthorized(new Error('x'))).toBe(false)
    expect(isClientError(trpcError('slow down', 'TOO_MANY_REQUESTS', 429))).toBe(true)
    expect(isClientError(trpcError('x', 'INTERNAL_SERVER_ERROR', 500))).toBe(false)
  })
})

describe('safeNextPath', () => {
  it('keeps paths on this site', () => {
    expect(safeNextPath('/partners?status=active')).toBe('/partners?status=active')
  })

  it('refuses other origins and the login page itself', () => {
    for (const value of ['//evil.example', 'https://evil.example', '/\\evil.example', '/login', null, '']) {
      expect(safeNextPath(value)).toBe('/')
    }
  })
})

import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { estimatedSecretBits, MIN_SECRET_BITS } from './secret-strength.ts'

describe('secret strength', () => {
  it('passes random secrets of 32 bytes in hex or base64, and fails long but guessable ones', () => {
    expect(estimatedSecretBits(randomBytes(32).toString('hex'))).toBeGreaterThanOrEqual(MIN_SECRET_BITS)
    expect(estimatedSecretBits(randomBytes(32).toString('base64url'))).toBeGreaterThanOrEqual(MIN_SECRET_BITS)
    expect(estimatedSecretBits('s'.repeat(64))).toBe(0)
    expect(estimatedSecretBits('abababababababababababababababababab')).toBe(36)
    expect(estimatedSecretBits('password'.repeat(5))).toBeLessThan(MIN_SECRET_BITS)
  })
})

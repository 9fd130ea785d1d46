import { describe, expect, it } from 'vitest'
import { emailHash, fakeIban, slugify } from './identity.ts'

describe('seed identity helpers', () => {
  it('hashes emails case- and space-insensitively', () => {
    expect(emailHash(' Anna@Example.TEST ')).toBe(emailHash('anna@example.test'))
    expect(emailHash('anna@example.test')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('makes ASCII slugs', () => {
    expect(slugify('Chloé Dubois & Co.')).toBe('chloe-dubois-co')
  })

  it('makes IBANs with valid check digits', () => {
    // The textbook example: DE89 3704 0044 0532 0130 00.
    expect(fakeIban('37040044', '532013000')).toBe('DE89370400440532013000')
  })
})

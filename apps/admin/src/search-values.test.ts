import { describe, expect, it } from 'vitest'
import { parseOption, parseUuid } from './search-values.ts'

describe('query-string values', () => {
  it('keeps a well-formed program id and drops anything else', () => {
    expect(parseUuid('7b0e3f5c-1d2a-4e8b-9c6d-0a1b2c3d4e5f')).toBe('7b0e3f5c-1d2a-4e8b-9c6d-0a1b2c3d4e5f')
    expect(parseUuid('not-a-uuid')).toBeUndefined()
    expect(parseUuid("1' or '1'='1")).toBeUndefined()
    expect(parseUuid(null)).toBeUndefined()
  })

  it('accepts only the listed options', () => {
    const statuses = ['pending', 'approved'] as const
    expect(parseOption('approved', statuses)).toBe('approved')
    expect(parseOption('APPROVED', statuses)).toBeUndefined()
    expect(parseOption(null, statuses)).toBeUndefined()
  })
})

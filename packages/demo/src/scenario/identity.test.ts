import { setPayoutDetailsInput } from '@tandem/services'
import { describe, expect, it } from 'vitest'
import { fakeIban, slugify } from './identity.ts'

describe('seed identity helpers', () => {
  it('makes ASCII slugs', () => {
    expect(slugify('Chloé Dubois & Co.')).toBe('chloe-dubois-co')
  })

  it('makes IBANs with valid check digits', () => {
    // The textbook example: DE89 3704 0044 0532 0130 00.
    expect(fakeIban('37040044', '532013000')).toBe('DE89370400440532013000')
    // And the payout details command accepts the ones the seed makes.
    const details = { accountHolder: 'Ada', iban: fakeIban('12345678', '9876543210') }
    const parsed = setPayoutDetailsInput.safeParse({
      partnerId: '00000000-0000-4000-8000-000000000000',
      currency: 'EUR',
      method: 'bank_transfer',
      details,
    })
    expect(parsed.success).toBe(true)
  })
})

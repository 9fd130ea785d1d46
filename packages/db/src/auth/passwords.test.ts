import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './passwords.ts'

describe('password hashing', () => {
  it('hashes with argon2id and verifies the right password only', async () => {
    const stored = await hashPassword('tandem-demo')
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(stored, 'tandem-demo')).toBe(true)
    expect(await verifyPassword(stored, 'tandem-demo ')).toBe(false)
    expect(await verifyPassword(stored, '')).toBe(false)
  })

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')])
    expect(a).not.toBe(b)
    expect(await verifyPassword(a, 'same')).toBe(true)
    expect(await verifyPassword(b, 'same')).toBe(true)
  })

  it('handles unicode passwords', async () => {
    const stored = await hashPassword('pässwörd-🔑')
    expect(await verifyPassword(stored, 'pässwörd-🔑')).toBe(true)
    expect(await verifyPassword(stored, 'passwörd-🔑')).toBe(false)
  })

  it('returns false for malformed hashes instead of throwing', async () => {
    const stored = await hashPassword('x')
    const malformed = [
      '',
      'not-a-hash',
      '$argon2id$',
      '$argon2id$v=19$m=19456,t=2,p=1$',
      stored.slice(0, -10),
      `${stored.slice(0, -4)}!!!!`,
      '$2b$10$abcdefghijklmnopqrstuuO5Vd6zJ0qJ5xQ7mJ0Nwq9gq2KfY3m2', // bcrypt
      // biome-ignore lint/suspicious/noExplicitAny: simulating a bad value from an untyped source
      null as any,
    ]
    for (const bad of malformed) {
      await expect(verifyPassword(bad, 'x')).resolves.toBe(false)
    }
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CLICK_ID_LENGTH, createClickIdSigner, signClickId, verifyClickId } from './click-id.ts'

const SECRET = 'test-secret-0123456789-abcdefghijklmnop'

describe('signed click ids', () => {
  it('carry version, time, link id and bot flag, in 40 base64url characters', () => {
    const at = Date.UTC(2026, 0, 31, 12, 0, 0, 123)
    const id = signClickId({ linkId: 4242, at, bot: true }, SECRET)
    expect(id).toMatch(/^[A-Za-z0-9_-]{40}$/)
    expect(id).toHaveLength(CLICK_ID_LENGTH)
    const v = verifyClickId(id, SECRET)
    expect(v).toEqual({ ok: true, clickId: id, version: 1, issuedAt: new Date(at), linkId: 4242, bot: true })
  })

  it('round-trips any link id and time, and two clicks in one millisecond differ', () => {
    const signer = createClickIdSigner(SECRET)
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 2 ** 47 }),
        (linkId, at) => {
          const a = signer.sign({ linkId, at })
          const b = signer.sign({ linkId, at })
          expect(a).not.toBe(b)
          const v = signer.verify(a)
          expect(v.ok && v.linkId === linkId && v.issuedAt.getTime() === at && !v.bot).toBe(true)
        },
      ),
    )
  })

  it('rejects every single-character alteration', () => {
    const id = signClickId({ linkId: 7, at: Date.now() }, SECRET)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    for (let i = 0; i < id.length; i++) {
      const replacement = alphabet[(alphabet.indexOf(id[i]!) + 17) % alphabet.length]!
      const forged = id.slice(0, i) + replacement + id.slice(i + 1)
      expect(verifyClickId(forged, SECRET).ok, `position ${i}`).toBe(false)
    }
  })

  it('rejects ids signed with another secret, and accepts previous secrets during rotation', () => {
    const old = 'old-secret-0123456789-abcdefghijklmnop'
    const id = signClickId({ linkId: 1, at: Date.now() }, old)
    expect(verifyClickId(id, SECRET)).toMatchObject({ ok: false, reason: 'bad_signature' })
    expect(createClickIdSigner(SECRET, [old]).verify(id).ok).toBe(true)
  })

  it('explains malformed input without throwing', () => {
    for (const input of ['', 'short', 'x'.repeat(40), `${'A'.repeat(39)}!`, 'é'.repeat(40), 'A'.repeat(41)]) {
      const v = verifyClickId(input, SECRET)
      expect(v.ok).toBe(false)
      if (!v.ok) expect(v.message.length).toBeGreaterThan(10)
    }
    // Version 0 in the first byte: decodes, but is not a version this tracker knows.
    const bytes = Buffer.from(signClickId({ linkId: 1, at: 1 }, SECRET), 'base64url')
    bytes[0] = 0
    expect(verifyClickId(bytes.toString('base64url'), SECRET)).toMatchObject({
      ok: false,
      reason: 'unsupported_version',
    })
  })

  it('refuses a short secret and a link id that does not fit', () => {
    expect(() => createClickIdSigner('short')).toThrow(/at least 16/)
    expect(() => signClickId({ linkId: 2 ** 32, at: 0 }, SECRET)).toThrow(/does not fit/)
  })
})

import { createHmac, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { HmacSha256 } from './hmac-sha256.ts'

describe('HMAC-SHA256 from one-shot hashes', () => {
  it('equals createHmac for keys shorter than, equal to and longer than a block', () => {
    for (const keyLength of [0, 1, 16, 32, 63, 64, 65, 100, 200]) {
      const key = randomBytes(keyLength)
      for (const length of [0, 1, 19, 55, 56, 64, 100]) {
        const hmac = new HmacSha256(key, length)
        for (let run = 0; run < 3; run++) {
          const message = randomBytes(length + 5) // only the first `length` bytes are signed
          const out = Buffer.alloc(32)
          hmac.signInto(message, out, 0, 32)
          expect(out.toString('hex'), `key ${keyLength}, message ${length}`).toBe(
            createHmac('sha256', key).update(message.subarray(0, length)).digest('hex'),
          )
        }
      }
    }
  })

  it('writes only the requested prefix of the MAC, at the offset', () => {
    const key = randomBytes(40)
    const message = randomBytes(19)
    const target = Buffer.alloc(30, 0xee)
    new HmacSha256(key, 19).signInto(message, target, 19, 11)
    expect(target.subarray(0, 19).every((b) => b === 0xee)).toBe(true)
    expect(target.subarray(19)).toEqual(createHmac('sha256', key).update(message).digest().subarray(0, 11))
  })
})

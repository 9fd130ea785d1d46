import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { authenticatePostback, canonicalParams, signBody, signParams } from './signature.ts'

const program = { postback_token: 'token-123456', postback_hmac_secret: 'hmac-secret' }
const now = Date.UTC(2026, 0, 1)
const ts = String(now / 1000)

describe('postback signatures', () => {
  it('signs every parameter but sig, sorted by name, RFC 3986-encoded', () => {
    expect(canonicalParams({ b: "it's", a: '1 2', sig: 'x', ts: '9' })).toBe('a=1%202&b=it%27s&ts=9')
    const params = { order_id: 'A-1', amount: '12.34', ts }
    const expected = createHmac('sha256', 'hmac-secret')
      .update(`amount=12.34&order_id=A-1&ts=${ts}`)
      .digest('hex')
    expect(signParams(params, 'hmac-secret')).toBe(expected)
    expect(authenticatePostback(program, { ...params, sig: expected }, {}, null, now)).toEqual({
      method: 'signature',
      signature: expected,
    })
  })

  it('verifies the JSON form from its header', () => {
    const body = '{"order_id":"A-1"}'
    const header = signBody(body, now / 1000, 'hmac-secret')
    expect(authenticatePostback(program, {}, { 'x-tandem-signature': header }, body, now).method).toBe(
      'signature',
    )
    expect(() =>
      authenticatePostback(program, {}, { 'x-tandem-signature': header }, `${body} `, now),
    ).toThrow(/does not match/)
  })

  it('accepts the token, and refuses everything else with a reason', () => {
    expect(authenticatePostback(program, { token: 'token-123456' }, {}, null, now)).toEqual({
      method: 'token',
    })
    expect(() => authenticatePostback(program, { token: 'token-1234567' }, {}, null, now)).toThrow(/token/)
    expect(() => authenticatePostback(program, {}, {}, null, now)).toThrow(/Authenticate/)
    expect(() => authenticatePostback(program, { sig: 'ab' }, {}, null, now)).toThrow(/64 hex/)
    const stale = { ts: String(now / 1000 - 301) }
    expect(() =>
      authenticatePostback(program, { ...stale, sig: signParams(stale, 'hmac-secret') }, {}, null, now),
    ).toThrow(/300 seconds/)
  })
})

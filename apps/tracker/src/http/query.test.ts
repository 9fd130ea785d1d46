import { describe, expect, it } from 'vitest'
import { parseParams } from './query.ts'

describe('parseParams', () => {
  it('decodes, keeps the first value, and has no prototype', () => {
    const p = parseParams('a=1&a=2&b=%C3%BC+x&__proto__=p&constructor=c')
    expect(Object.keys(p)).toEqual(['a', 'b', '__proto__', 'constructor'])
    expect([p.a, p.b, Object.getOwnPropertyDescriptor(p, '__proto__')?.value, p.constructor]).toEqual([
      '1',
      'ü x',
      'p',
      'c',
    ])
    expect(Object.getPrototypeOf(p)).toBeNull()
  })

  it('refuses invalid UTF-8, raw bytes, control characters and excess', () => {
    expect(() => parseParams('a=%ff')).toThrow(/not valid UTF-8/)
    expect(() => parseParams('a=%C3%28')).toThrow(/not valid UTF-8/)
    expect(() => parseParams('a=ü')).toThrow(/percent-encoded ASCII/)
    expect(() => parseParams('a=b c')).toThrow(/percent-encoded ASCII/)
    expect(() => parseParams('a=%00')).toThrow(/control characters/)
    expect(() => parseParams(Array.from({ length: 101 }, (_, i) => `k${i}=1`).join('&'))).toThrow(
      /more than 100/,
    )
    expect(() => parseParams(`a=${'x'.repeat(9000)}`)).toThrow(/longer than 8192/)
  })
})

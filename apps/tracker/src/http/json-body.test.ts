import { describe, expect, it } from 'vitest'
import { findDuplicateKey, parseJsonBody } from './json-body.ts'
import { textProblem } from './text.ts'

describe('JSON bodies', () => {
  it('finds a repeated key per object, not across objects, and not inside strings', () => {
    expect(findDuplicateKey('{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}')).toBeNull()
    expect(findDuplicateKey('{"a":"{\\"a\\":1,\\"a\\":2}","b":"x,\\"b\\":"}')).toBeNull()
    expect(findDuplicateKey('{"a":1,"b":2,"a":3}')).toBe('a')
    expect(findDuplicateKey('[{"x":{"y":1,"y":2}}]')).toBe('y')
    expect(findDuplicateKey('{"\\u0061":1,"a":2}')).toBe('a')
    expect(findDuplicateKey('{"a":[1,{"b":2}],"a":0}')).toBe('a')
  })

  it('refuses invalid JSON, repeated keys and bad text with a 400 that names the field', () => {
    expect(() => parseJsonBody('{')).toThrow(/not valid JSON/)
    expect(() => parseJsonBody('{"a":1,"a":2}')).toThrow(/repeats the key "a"/)
    expect(() => parseJsonBody('{"x":[{"y":"\\u0000"}]}')).toThrow(
      'x.0.y: contains control characters (U+0000)',
    )
    expect(() => parseJsonBody('{"k\\u0085":1}')).toThrow('k?: contains control characters (U+0085)')
    expect(parseJsonBody('{"e":"😀 ü"}')).toEqual({ e: '😀 ü' })
  })

  it('accepts surrogate pairs and refuses lone or reversed surrogates', () => {
    expect(textProblem('😀')).toBeNull()
    expect(textProblem('\ud83d')).toMatch(/lone surrogate U\+D83D/)
    expect(textProblem('\ude00\ud83d')).toMatch(/lone surrogate U\+DE00/)
    expect(textProblem('tab\there')).toMatch(/U\+0009/)
  })
})

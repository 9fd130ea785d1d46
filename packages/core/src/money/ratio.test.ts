import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  add,
  compare,
  div,
  fromBig,
  isZero,
  mul,
  parseDecimal,
  type Ratio,
  ratio,
  roundRatio,
  sub,
  toDecimalString,
  ZERO_BIG,
} from './ratio.ts'
import { roundDiv } from './rounding.ts'

// Reference: the same operation on bigints only.
const big = (a: Ratio) => ({ n: BigInt(a.n), d: BigInt(a.d) })
const equal = (a: Ratio, b: { n: bigint; d: bigint }) => BigInt(a.n) * b.d === b.n * BigInt(a.d)
const small = fc.integer({ min: -1e6, max: 1e6 })
const huge = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })
const anyRatio = fc.oneof(
  fc.tuple(small, fc.integer({ min: 1, max: 1e6 })).map(([n, d]) => ratio(n, d)),
  fc
    .tuple(fc.integer({ min: -9e15, max: 9e15 }), fc.integer({ min: 1, max: 9e15 }))
    .map(([n, d]) => ratio(n, d)),
  fc.tuple(huge, fc.bigInt({ min: 1n, max: 10n ** 25n })).map(([n, d]) => fromBig(n, d)),
)

describe('exact ratios (numbers while safe, bigints beyond)', () => {
  it('mul, add, sub, div and compare agree with bigint arithmetic', () => {
    fc.assert(
      fc.property(anyRatio, anyRatio, (a, b) => {
        const A = big(a)
        const B = big(b)
        expect(equal(mul(a, b), { n: A.n * B.n, d: A.d * B.d })).toBe(true)
        expect(equal(add(a, b), { n: A.n * B.d + B.n * A.d, d: A.d * B.d })).toBe(true)
        expect(equal(sub(a, b), { n: A.n * B.d - B.n * A.d, d: A.d * B.d })).toBe(true)
        if (B.n !== 0n) {
          const q = B.n < 0n ? { n: -A.n * B.d, d: A.d * -B.n } : { n: A.n * B.d, d: A.d * B.n }
          expect(equal(div(a, b), q)).toBe(true)
        }
        const left = A.n * B.d
        const right = B.n * A.d
        expect(compare(a, b)).toBe(left < right ? -1 : left > right ? 1 : 0)
      }),
    )
  })

  it('rounding agrees with bigint rounding in every mode', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: -9e15, max: 9e15 }), fc.integer({ min: 1, max: 1e7 })),
        fc.constantFrom('half-even', 'half-up', 'down', 'up') as fc.Arbitrary<'half-even'>,
        ([n, d], mode) => {
          expect(roundRatio(ratio(n, d), mode)).toBe(Number(roundDiv(BigInt(n), BigInt(d), mode)))
        },
      ),
    )
  })

  it('parses and prints exact decimals', () => {
    expect(parseDecimal('12.50')).toEqual({ n: 25, d: 2 })
    expect(parseDecimal('-0.125')).toEqual({ n: -1, d: 8 })
    expect(parseDecimal('1e5')).toBeUndefined()
    expect(toDecimalString(ratio(1, 3), 4)).toBe('0.3333')
    expect(toDecimalString(ratio(-5, 2), 4)).toBe('-2.5')
    expect(toDecimalString(fromBig(10n ** 30n + 1n, 10n), 2)).toBe('100000000000000000000000000000.1')
  })

  it('prints the same decimals from number and bigint parts (property)', () => {
    fc.assert(
      fc.property(anyRatio, fc.integer({ min: 0, max: 6 }), (a, decimals) => {
        const asBig: Ratio = { n: BigInt(a.n), d: BigInt(a.d) }
        expect(toDecimalString(a, decimals)).toBe(toDecimalString(asBig, decimals))
      }),
    )
  })

  it('has a zero with bigint parts', () => {
    expect(isZero(ZERO_BIG)).toBe(true)
    expect(add(ZERO_BIG, ratio(1, 2))).toEqual({ n: 1, d: 2 })
  })

  it('refuses a zero denominator', () => {
    expect(() => ratio(1, 0)).toThrow(/Division by zero/)
    expect(() => div(ratio(1, 2), ratio(0, 1))).toThrow(/Division by zero/)
  })
})

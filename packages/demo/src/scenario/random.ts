import { createHash } from 'node:crypto'

/**
 * Seeded PRNG (sfc32: 128-bit state, so streams forked from different labels never overlap in
 * practice, unlike 32-bit generators). Same seed → same sequence on every machine.
 */
export class Random {
  private a: number
  private b: number
  private c: number
  private d: number

  private constructor(a: number, b: number, c: number, d: number) {
    this.a = a
    this.b = b
    this.c = c
    this.d = d
    for (let i = 0; i < 12; i++) this.uint32()
  }

  /** A generator seeded from the sha256 of a label. */
  static from(label: string): Random {
    const h = createHash('sha256').update(label).digest()
    return new Random(h.readUInt32LE(0), h.readUInt32LE(4), h.readUInt32LE(8), h.readUInt32LE(12))
  }

  /** An independent stream for one part of the data, so adding draws elsewhere does not shift it. */
  fork(label: string): Random {
    return Random.from(`${this.a}:${this.b}:${this.c}:${this.d}:${label}`)
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** Log-normal with the given median; sigma spreads it (0.5 ≈ most values within ×/÷ 2.7). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  /** Lower-case hex string of `bytes` random bytes. */
  hex(bytes: number): string {
    let out = ''
    for (let i = 0; i < bytes; i += 4) out += hex32(this.uint32())
    return out.length === bytes * 2 ? out : out.slice(0, bytes * 2)
  }

  /** A well-formed random (version 4, RFC 4122 variant) UUID drawn from this stream. */
  uuid(): string {
    const a = hex32(this.uint32())
    const b = hex32(this.uint32())
    const c = hex32(((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0)
    const d = hex32(this.uint32())
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${c.slice(0, 4)}-${c.slice(4)}${d}`
  }

  /** URL-safe random token of `bytes` bytes (base64url, no padding). */
  token(bytes: number): string {
    const words = Math.ceil(bytes / 4)
    if (tokenBuffer.length < words * 4) tokenBuffer = Buffer.alloc(words * 4)
    for (let i = 0; i < words; i++) tokenBuffer.writeUInt32LE(this.uint32(), i * 4)
    return tokenBuffer.toString('base64url', 0, bytes)
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      const tmp = out[i] as T
      out[i] = out[j] as T
      out[j] = tmp
    }
    return out
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))
let tokenBuffer = Buffer.alloc(32)

function hex32(n: number): string {
  return (
    (HEX[n >>> 24] as string) +
    (HEX[(n >>> 16) & 0xff] as string) +
    (HEX[(n >>> 8) & 0xff] as string) +
    (HEX[n & 0xff] as string)
  )
}

/** Draws indexes in proportion to weights in O(log n) (cumulative sums + binary search). */
export class WeightedSampler {
  private readonly cumulative: Float64Array
  readonly total: number

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length)
    let sum = 0
    weights.forEach((w, i) => {
      sum += Math.max(0, w)
      this.cumulative[i] = sum
    })
    this.total = sum
  }

  get size(): number {
    return this.cumulative.length
  }

  sample(rng: Random): number {
    if (this.total <= 0) throw new RangeError('sampling from weights that are all zero')
    const x = rng.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.cumulative[mid] as number) > x) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}

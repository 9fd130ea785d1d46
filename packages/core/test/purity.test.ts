import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// House rule 1: core takes time and randomness as arguments, never from the environment.
const SRC = join(import.meta.dirname, '..', 'src')
const FORBIDDEN = [
  /Date\.now\(/,
  /new Date\(\s*\)/,
  /Math\.random\(/,
  /performance\.now\(/,
  /crypto\.(randomUUID|getRandomValues)\(/,
  // I/O: biome's lint blocks these too; the test keeps the rule if lint is skipped.
  /from ['"]node:/,
  /process\.env/,
  /\bfetch\(/,
]

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

describe('packages/core purity: no clock, no randomness, no I/O', () => {
  const files = sourceFiles(SRC)

  it('finds the source files it scans', () => {
    expect(files.length).toBeGreaterThan(10)
    expect(files.some((file) => file.endsWith('index.ts'))).toBe(true)
  })

  it('never reads the clock or a random source', () => {
    const offences = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8')
      return FORBIDDEN.filter((pattern) => pattern.test(text)).map(
        (pattern) => `${relative(SRC, file)}: ${pattern.source}`,
      )
    })
    expect(offences).toEqual([])
  })

  it('the scanner itself catches an offending line', () => {
    const sample = [
      'const t = Date.now()',
      'const d = new Date( )',
      'const r = Math.random()',
      "import { readFile } from 'node:fs'",
      'const url = process.env.DATABASE_URL',
      'await fetch(url)',
    ]
    for (const line of sample) expect(FORBIDDEN.some((pattern) => pattern.test(line))).toBe(true)
    expect(FORBIDDEN.some((pattern) => pattern.test('new Date(input.at)'))).toBe(false)
  })
})

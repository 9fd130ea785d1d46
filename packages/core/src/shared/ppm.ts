/** 1,000,000 parts per million = 100%. */
export const PPM = 1_000_000

/** 333334 → "33.3334%", 1000000 → "100%". */
export function formatPpm(ppm: number): string {
  if (ppm === PPM) return '100%'
  const whole = Math.trunc(ppm / 10_000)
  let rest = ppm % 10_000
  if (rest === 0) return `${whole}%`
  let digits = 4
  while (rest % 10 === 0) {
    rest /= 10
    digits--
  }
  return `${whole}.${String(rest).padStart(digits, '0')}%`
}

/** 1,000,000 parts per million = 100%. */
export const PPM = 1_000_000

/** 333334 → "33.3334%", 1000000 → "100%". */
export function formatPpm(ppm: number): string {
  const whole = Math.trunc(ppm / 10_000)
  const fraction = (ppm % 10_000).toString().padStart(4, '0').replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}%` : `${whole}%`
}

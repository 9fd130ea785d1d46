/**
 * An estimate of how guessable a secret is, in bits: its length times the Shannon entropy of its
 * characters. A random base64 or hex string of 32+ characters scores well above 128; a repeated
 * character, a word or a keyboard walk scores far below, whatever its length.
 */
export function estimatedSecretBits(secret: string): number {
  const counts = new Map<string, number>()
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  const length = [...secret].length
  let perChar = 0
  for (const n of counts.values()) {
    const p = n / length
    perChar -= p * Math.log2(p)
  }
  return Math.round(perChar * length)
}

/** What a click-id secret needs: about as much as 128 random bits. */
export const MIN_SECRET_BITS = 128

import { hash, verify } from '@node-rs/argon2'

// OWASP Password Storage Cheat Sheet baseline for argon2id: 19 MiB, 2 passes, 1 lane.
// Parameters are stored in the PHC string, so raising them later keeps old hashes verifiable.
const ARGON2ID = 2 // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

/** Hashes a password with argon2id and a random salt; returns the PHC string (`$argon2id$v=19$…`). */
export async function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS)
}

/**
 * Checks a password against a stored PHC hash. The comparison is constant-time (done by argon2).
 * Anything that is not a well-formed argon2 hash (empty, truncated, another scheme) yields false
 * instead of throwing, so a corrupt row reads as a failed login, not a 500.
 */
export async function verifyPassword(storedHash: string, plain: string): Promise<boolean> {
  if (typeof storedHash !== 'string' || typeof plain !== 'string' || !storedHash.startsWith('$argon2')) {
    return false
  }
  try {
    return await verify(storedHash, plain)
  } catch {
    return false
  }
}

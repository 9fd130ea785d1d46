import { createHmac, createSecretKey, type KeyObject, randomFillSync, timingSafeEqual } from 'node:crypto'
import { HmacSha256 } from './crypto/hmac-sha256.ts'

/**
 * Signed click ids: the id carries its own facts, so a postback can be attributed without
 * reading the click back from ClickHouse, and a forged or altered id is rejected.
 *
 * Layout (30 bytes, base64url without padding = 40 characters):
 *
 *   byte  0       version (high 4 bits) | flags (low 4 bits; bit 0 = bot traffic)
 *   bytes 1..6    issue time, milliseconds since the epoch, unsigned 48-bit big-endian
 *   bytes 7..10   link id, unsigned 32-bit big-endian (links.id is a small integer)
 *   bytes 11..18  random (64 bits): two clicks in the same millisecond never collide
 *   bytes 19..29  HMAC-SHA256(secret, bytes 0..18), first 11 bytes (88 bits)
 */
export const CLICK_ID_VERSION = 1
export const CLICK_ID_LENGTH = 40

const BODY_BYTES = 19
const MAC_BYTES = 11
const TOTAL_BYTES = BODY_BYTES + MAC_BYTES
const FLAG_BOT = 0b0001
const MAX_LINK_ID = 0xffff_ffff
const BASE64URL = /^[A-Za-z0-9_-]{40}$/

export interface ClickIdFacts {
  version: number
  /** When the click happened (the tracker's clock). */
  issuedAt: Date
  linkId: number
  /** The click was scored as bot traffic: it is recorded but never earns. */
  bot: boolean
}

export type ClickIdVerdict =
  | ({ ok: true; clickId: string } & ClickIdFacts)
  | { ok: false; reason: 'malformed' | 'unsupported_version' | 'bad_signature'; message: string }

export interface ClickIdSigner {
  sign(input: { linkId: number; at: number; bot?: boolean }): string
  verify(clickId: string): ClickIdVerdict
}

/**
 * A signer bound to one secret (and optional older secrets still accepted when verifying, so
 * the secret can be rotated without breaking click ids already on landing pages).
 */
export function createClickIdSigner(secret: string, previousSecrets: readonly string[] = []): ClickIdSigner {
  if (secret.length < 16) throw new RangeError('The click-id secret must be at least 16 characters')
  const key = createSecretKey(Buffer.from(secret, 'utf8'))
  const verifyKeys = [key, ...previousSecrets.map((s) => createSecretKey(Buffer.from(s, 'utf8')))]
  // Signing is the hot path: the HMAC as two one-shot hashes over reused buffers (HmacSha256).
  const hmac = new HmacSha256(Buffer.from(secret, 'utf8'), BODY_BYTES)
  // Random bytes come from a pooled buffer: one getrandom call per 512 clicks.
  const pool = Buffer.allocUnsafe(8 * 512)
  let poolOffset = pool.length
  const body = Buffer.allocUnsafe(TOTAL_BYTES)

  return {
    sign({ linkId, at, bot = false }) {
      if (!Number.isInteger(linkId) || linkId < 0 || linkId > MAX_LINK_ID) {
        throw new RangeError(`link id ${linkId} does not fit in a click id`)
      }
      if (poolOffset >= pool.length) {
        randomFillSync(pool)
        poolOffset = 0
      }
      const ms = Math.trunc(at)
      body[0] = (CLICK_ID_VERSION << 4) | (bot ? FLAG_BOT : 0)
      body.writeUInt16BE(Math.floor(ms / 0x1_0000_0000), 1)
      body.writeUInt32BE(ms >>> 0, 3)
      body.writeUInt32BE(linkId, 7)
      for (let i = 0; i < 8; i++) body[11 + i] = pool[poolOffset++]!
      hmac.signInto(body, body, BODY_BYTES, MAC_BYTES)
      return body.toString('base64url')
    },
    verify(clickId) {
      return verifyWith(verifyKeys, clickId)
    },
  }
}

/** Signs one click id (convenience over createClickIdSigner for callers that sign rarely). */
export function signClickId(
  input: { linkId: number; at: number | Date; bot?: boolean },
  secret: string,
): string {
  const at = input.at instanceof Date ? input.at.getTime() : input.at
  return createClickIdSigner(secret).sign({ linkId: input.linkId, at, bot: input.bot ?? false })
}

/** Verifies a click id against the current secret and any previous ones still accepted. */
export function verifyClickId(clickId: string, secret: string | readonly string[]): ClickIdVerdict {
  const secrets = typeof secret === 'string' ? [secret] : secret
  return verifyWith(
    secrets.map((s) => createSecretKey(Buffer.from(s, 'utf8'))),
    clickId,
  )
}

function verifyWith(keys: readonly KeyObject[], clickId: string): ClickIdVerdict {
  if (typeof clickId !== 'string' || !BASE64URL.test(clickId)) {
    return {
      ok: false,
      reason: 'malformed',
      message: `a click id is ${CLICK_ID_LENGTH} characters of base64url (A-Z, a-z, 0-9, - and _)`,
    }
  }
  const bytes = Buffer.from(clickId, 'base64url')
  if (bytes.length !== TOTAL_BYTES) {
    return { ok: false, reason: 'malformed', message: 'the click id does not decode to 30 bytes' }
  }
  const version = (bytes[0] ?? 0) >> 4
  if (version !== CLICK_ID_VERSION) {
    return {
      ok: false,
      reason: 'unsupported_version',
      message: `click id version ${version} is not supported`,
    }
  }
  const body = bytes.subarray(0, BODY_BYTES)
  const given = bytes.subarray(BODY_BYTES)
  const valid = keys.some((key) => timingSafeEqual(mac(key, body).subarray(0, MAC_BYTES), given))
  if (!valid) {
    return {
      ok: false,
      reason: 'bad_signature',
      message: 'the click id signature does not match: forged or altered',
    }
  }
  return {
    ok: true,
    clickId,
    version,
    issuedAt: new Date(bytes.readUIntBE(1, 6)),
    linkId: bytes.readUInt32BE(7),
    bot: ((bytes[0] ?? 0) & FLAG_BOT) !== 0,
  }
}

function mac(key: KeyObject, body: Buffer): Buffer {
  return createHmac('sha256', key).update(body.subarray(0, BODY_BYTES)).digest()
}

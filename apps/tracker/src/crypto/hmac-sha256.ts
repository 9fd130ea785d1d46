import { hash } from 'node:crypto'

const BLOCK = 64

/**
 * HMAC-SHA256 of fixed-length messages as two one-shot hashes (RFC 2104:
 * H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m))), with the padded keys laid out once in two reused buffers.
 * createHmac builds a Hmac object and an OpenSSL context per call: this is about half its cost
 * on the click path (0.7 µs against 1.5 µs), and the same bytes.
 */
export class HmacSha256 {
  /** K ⊕ ipad, then the message. */
  private readonly inner: Buffer
  /** K ⊕ opad, then the inner digest. */
  private readonly outer = Buffer.alloc(BLOCK + 32)

  constructor(
    key: Uint8Array,
    private readonly messageLength: number,
  ) {
    const k = key.length > BLOCK ? hash('sha256', key, 'buffer') : key
    this.inner = Buffer.alloc(BLOCK + messageLength)
    for (let i = 0; i < BLOCK; i++) {
      this.inner[i] = (k[i] ?? 0) ^ 0x36
      this.outer[i] = (k[i] ?? 0) ^ 0x5c
    }
  }

  /** Writes the first `bytes` bytes of HMAC(key, message) into `target` at `offset`. */
  signInto(message: Uint8Array, target: Buffer, offset: number, bytes: number): void {
    for (let i = 0; i < this.messageLength; i++) this.inner[BLOCK + i] = message[i]!
    // Digests as binary (latin1) strings, not Buffers: no external allocation per call.
    this.outer.write(hash('sha256', this.inner, 'binary'), BLOCK, 32, 'latin1')
    target.write(hash('sha256', this.outer, 'binary'), offset, bytes, 'latin1')
  }
}

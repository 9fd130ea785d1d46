import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * The embedded-mode secret: generated once (256 random bits) and kept next to the data, so click
 * ids issued before a restart still verify. Created with 'wx' so two processes starting at once
 * agree on one secret, and mode 0600 because it signs money-bearing ids.
 */
export function loadOrCreateSecret(path: string): string {
  const existing = readSecret(path)
  if (existing !== null) return existing
  mkdirSync(dirname(path), { recursive: true })
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const created = readSecret(path)
  if (created === null) throw new Error(`Could not create the tracker secret file ${path}`)
  return created
}

function readSecret(path: string): string | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  const secret = text.trim()
  if (secret.length < 32) {
    const error = new Error(
      `The secret file ${path} holds fewer than 32 characters: delete it to generate a new one (click ids signed with it stop verifying) or set TANDEM_SECRET`,
    )
    error.name = 'TrackerConfigError'
    throw error
  }
  return secret
}

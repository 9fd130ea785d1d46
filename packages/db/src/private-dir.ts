import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Embedded data directories hold password hashes, sessions, payout details and postback secrets:
 * only the owner may read them. The directory (and everything already in it, from an older
 * version or another umask) becomes 0700 / 0600, and the process umask becomes 077 so that what
 * PGlite, chDB and the spool create later is private too, whatever umask the user started with.
 */
export function makePrivateDataDir(dir: string): void {
  process.umask(0o077)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  restrict(dir)
}

/**
 * PGlite sets 0666 on the files it creates, ignoring the umask. The directory being 0700 already
 * keeps other users out while it runs; at close, its files are made 0600 as well.
 */
export function restrictDataDir(dir: string): void {
  restrict(dir)
}

function restrict(path: string): void {
  const stat = lstatSync(path)
  if (stat.isSymbolicLink()) return
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700)
    for (const name of readdirSync(path)) restrict(join(path, name))
  } else if ((stat.mode & 0o077) !== 0) {
    chmodSync(path, stat.mode & 0o700)
  }
}

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ConfigError } from './config.ts'

/**
 * Marks an embedded data directory as this process's. PGlite does not lock its directory and
 * chDB's lock error carries no reason, so a second process (a second `pnpm start`) would either
 * corrupt PGlite or fail obscurely: it gets one clear message instead. The mark is a file beside
 * the directory (`.data/pg.owner`), so the engines' own directories stay untouched. Returns the release.
 */
export function claimDataDir(dir: string): () => void {
  const file = `${dir.replace(/\/+$/, '')}.owner`
  mkdirSync(dirname(file), { recursive: true })
  const owner = readOwner(file)
  if (owner !== null && owner !== process.pid && isAlive(owner)) {
    throw new ConfigError(
      `The embedded data in ${dir} is in use by another Tandem process (pid ${owner}): stop it, or set TANDEM_DATA_DIR to another folder`,
    )
  }
  writeFileSync(file, String(process.pid))
  return () => {
    if (readOwner(file) === process.pid) rmSync(file, { force: true })
  }
}

function readOwner(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10)
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

import { isIP } from 'node:net'
import { ConfigError, describeIssues } from '@tandem/db'
import { z } from 'zod'

export interface PortalEnv {
  port: number
  host: string
  trackerUrl: string
  /** TRUSTED_PROXIES: addresses or CIDR ranges whose X-Forwarded-For is believed; [] when unset. */
  trustedProxies: string[]
}

/** One TRUSTED_PROXIES entry: an IPv4/IPv6 address, optionally with a /prefix. */
function isProxyEntry(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

/**
 * TRUSTED_PROXIES, comma-separated ("10.0.0.0/8, 127.0.0.1, fd00::/8"). Set it to the load
 * balancers in front of a portal: then, and only then, the client address (login limits, session
 * and audit rows) comes from X-Forwarded-For. Unset, every request's address is its socket's.
 */
export const trustedProxiesSchema = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .superRefine((entries, ctx) => {
    for (const entry of entries) {
      if (!isProxyEntry(entry)) {
        ctx.addIssue({
          code: 'custom',
          message: `TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (like 10.0.0.0/8)`,
        })
      }
    }
  })

/** Reads TRUSTED_PROXIES alone (the embedded platform reads its other settings itself). */
export function readTrustedProxies(env: Record<string, string | undefined>): string[] {
  const parsed = z
    .object({ TRUSTED_PROXIES: trustedProxiesSchema.default([]) })
    .safeParse(env.TRUSTED_PROXIES ? { TRUSTED_PROXIES: env.TRUSTED_PROXIES } : {})
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`)
  return parsed.data.TRUSTED_PROXIES
}

/**
 * Reads a portal's listen address and the tracker's public URL from the environment with zod;
 * a malformed variable is a ConfigError naming it (the entry prints it and exits 1).
 */
export function readPortalEnv(
  env: Record<string, string | undefined>,
  names: { port: string; host: string; defaultPort: number },
): PortalEnv {
  const schema = z.object({
    [names.port]: z
      .string()
      .trim()
      .regex(/^\d+$/, `${names.port} must be a port number`)
      .transform(Number)
      .pipe(
        z.number().int().min(1, `${names.port} must be 1-65535`).max(65535, `${names.port} must be 1-65535`),
      )
      .default(names.defaultPort),
    [names.host]: z.string().trim().min(1, `${names.host} must not be empty`).default('0.0.0.0'),
    TRACKER_PUBLIC_URL: z
      .string()
      .trim()
      .refine((v) => {
        try {
          return ['http:', 'https:'].includes(new URL(v).protocol)
        } catch {
          return false
        }
      }, 'TRACKER_PUBLIC_URL must be a URL starting with http:// or https://')
      .default('http://localhost:8080'),
    TRUSTED_PROXIES: trustedProxiesSchema.default([]),
  })
  // Empty strings count as unset, as a shell `X=` usually means.
  const present = Object.fromEntries(
    [names.port, names.host, 'TRACKER_PUBLIC_URL', 'TRUSTED_PROXIES'].flatMap((k) =>
      env[k] ? [[k, env[k]]] : [],
    ),
  )
  const parsed = schema.safeParse(present)
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`)
  const data = parsed.data as Record<string, string | number | string[]>
  return {
    port: data[names.port] as number,
    host: data[names.host] as string,
    trackerUrl: String(data.TRACKER_PUBLIC_URL).replace(/\/+$/, ''),
    trustedProxies: data.TRUSTED_PROXIES as string[],
  }
}

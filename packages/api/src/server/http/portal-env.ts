import { ConfigError, describeIssues } from '@tandem/db'
import { z } from 'zod'

export interface PortalEnv {
  port: number
  host: string
  trackerUrl: string
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
  })
  // Empty strings count as unset, as a shell `X=` usually means.
  const present = Object.fromEntries(
    [names.port, names.host, 'TRACKER_PUBLIC_URL'].flatMap((k) => (env[k] ? [[k, env[k]]] : [])),
  )
  const parsed = schema.safeParse(present)
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`)
  const data = parsed.data as Record<string, string | number>
  return {
    port: data[names.port] as number,
    host: data[names.host] as string,
    trackerUrl: String(data.TRACKER_PUBLIC_URL).replace(/\/+$/, ''),
  }
}

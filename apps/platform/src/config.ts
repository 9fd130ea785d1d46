import { describeIssues } from '@tandem/db'
import { z } from 'zod'

const port = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a port number` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be between 1 and 65535`)
    .max(65535, `${name} must be between 1 and 65535`)
    .default(fallback)

const schema = z.object({
  TRACKER_PORT: port('TRACKER_PORT', 8080),
  ADMIN_PORT: port('ADMIN_PORT', 3000),
  PARTNER_PORT: port('PARTNER_PORT', 3001),
  HOST: z.string().trim().min(1, 'HOST must not be empty').default('0.0.0.0'),
  PUBLIC_HOST: z.string().trim().min(1, 'PUBLIC_HOST must not be empty').default('localhost'),
  TANDEM_SEED: z.enum(['demo', 'none'], { error: 'TANDEM_SEED must be "demo" or "none"' }).default('demo'),
})

export type PlatformConfig = z.infer<typeof schema> & {
  trackerUrl: string
  adminUrl: string
  partnerUrl: string
}

/** Ports and seeding for the all-in-one process; store and tracker settings have their own parsers. */
export function platformConfigFromEnv(env: Record<string, string | undefined>): PlatformConfig {
  const parsed = schema.safeParse(env)
  if (!parsed.success) throw new PlatformConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`)
  const c = parsed.data
  const url = (p: number) => `http://${c.PUBLIC_HOST}:${p}`
  return {
    ...c,
    trackerUrl: url(c.TRACKER_PORT),
    adminUrl: url(c.ADMIN_PORT),
    partnerUrl: url(c.PARTNER_PORT),
  }
}

export class PlatformConfigError extends Error {
  override name = 'PlatformConfigError'
}

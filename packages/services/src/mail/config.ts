import { describeIssues } from '@tandem/db'
import { z } from 'zod'

/** Where email goes: an SMTP server, a local mail directory (embedded mode), or nowhere (logged as failed). */
export type MailTransportConfig =
  | { kind: 'smtp'; url: string }
  | { kind: 'directory'; dir: string }
  | { kind: 'none' }

export interface MailConfig {
  transport: MailTransportConfig
  /** The From header: "Tandem <no-reply@example.com>". */
  from: string
  /** Public base URLs the links in emails point to (no trailing slash). */
  partnerUrl: string
  adminUrl: string
}

const optionalUrl = (name: string, protocols: RegExp) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .pipe(z.url({ protocol: protocols, error: `${name} must be a URL` }).optional())
    .optional()

const envSchema = z.object({
  SMTP_URL: optionalUrl('SMTP_URL', /^smtps?$/),
  MAIL_FROM: z.string().trim().min(3).max(320).optional(),
  TANDEM_MAIL_DIR: z.string().trim().min(1).optional(),
  TANDEM_DATA_DIR: z.string().trim().min(1).default('.data'),
  PARTNER_PUBLIC_URL: optionalUrl('PARTNER_PUBLIC_URL', /^https?$/),
  ADMIN_PUBLIC_URL: optionalUrl('ADMIN_PUBLIC_URL', /^https?$/),
  PUBLIC_HOST: z.string().trim().min(1).default('localhost'),
  PARTNER_PORT: z.string().trim().default('3001'),
  ADMIN_PORT: z.string().trim().default('3000'),
})

export class MailConfigError extends Error {
  override name = 'MailConfigError'
}

/**
 * Mail settings from the environment: SMTP_URL (smtp:// or smtps://, credentials in the URL) sends
 * through that server; otherwise embedded mode writes each email as an .eml file into
 * TANDEM_MAIL_DIR (default <TANDEM_DATA_DIR>/mail) and server mode without SMTP_URL sends nothing
 * (the emails are logged as failed, so an admin sees why). Links point at PARTNER_PUBLIC_URL /
 * ADMIN_PUBLIC_URL, by default http://PUBLIC_HOST:PARTNER_PORT / :ADMIN_PORT as the platform serves them.
 */
export function mailConfigFromEnv(
  env: Record<string, string | undefined>,
  mode: 'embedded' | 'server',
): MailConfig {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) throw new MailConfigError(`Invalid configuration: ${describeIssues(parsed.error)}`)
  const e = parsed.data
  const transport: MailTransportConfig = e.SMTP_URL
    ? { kind: 'smtp', url: e.SMTP_URL }
    : e.TANDEM_MAIL_DIR || mode === 'embedded'
      ? { kind: 'directory', dir: e.TANDEM_MAIL_DIR ?? `${e.TANDEM_DATA_DIR}/mail` }
      : { kind: 'none' }
  const strip = (u: string) => u.replace(/\/+$/, '')
  return {
    transport,
    from: e.MAIL_FROM ?? 'Tandem <no-reply@tandem.localhost>',
    partnerUrl: strip(e.PARTNER_PUBLIC_URL ?? `http://${e.PUBLIC_HOST}:${e.PARTNER_PORT}`),
    adminUrl: strip(e.ADMIN_PUBLIC_URL ?? `http://${e.PUBLIC_HOST}:${e.ADMIN_PORT}`),
  }
}

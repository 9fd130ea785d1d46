import { randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import type { MailTransportConfig } from './config.ts'

export interface OutgoingEmail {
  from: string
  to: string
  toName: string | null
  subject: string
  text: string
  html: string
}

/** Sends one email; throws when the server refuses it or cannot be reached. */
export interface Mailer {
  readonly kind: 'smtp' | 'directory' | 'none'
  /** Where mail goes, for logs (the SMTP host or the directory; never credentials). */
  readonly describe: string
  send(email: OutgoingEmail): Promise<{ messageId: string | null }>
  close(): void
}

/** Nodemailer over SMTP, or nodemailer's stream transport writing .eml files into a directory. */
export function createMailer(config: MailTransportConfig): Mailer {
  if (config.kind === 'smtp') {
    const transport = nodemailer.createTransport(config.url)
    const url = new URL(config.url)
    return {
      kind: 'smtp',
      describe: `SMTP ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`,
      async send(email) {
        const info = await transport.sendMail(message(email))
        return { messageId: typeof info.messageId === 'string' ? info.messageId : null }
      },
      close: () => transport.close(),
    }
  }
  if (config.kind === 'directory') {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
    return {
      kind: 'directory',
      describe: `directory ${config.dir}`,
      async send(email) {
        const info = await transport.sendMail(message(email))
        mkdirSync(config.dir, { recursive: true, mode: 0o700 })
        const stamp = new Date().toISOString().replace(/[:.]/g, '-')
        const file = join(config.dir, `${stamp}-${randomUUID().slice(0, 8)}.eml`)
        writeFileSync(file, info.message as Buffer, { mode: 0o600 })
        return { messageId: typeof info.messageId === 'string' ? info.messageId : null }
      },
      close: () => transport.close(),
    }
  }
  return {
    kind: 'none',
    describe: 'nowhere (set SMTP_URL)',
    send: async () => {
      throw new Error('No mail server is configured: set SMTP_URL')
    },
    close: () => {},
  }
}

function message(email: OutgoingEmail) {
  return {
    from: email.from,
    to: email.toName ? { name: email.toName, address: email.to } : email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
  }
}

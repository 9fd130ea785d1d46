import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface CaughtEmail {
  from: string
  to: string[]
  subject: string
  text: string
  html: string
  raw: string
}

/**
 * A real SMTP server in this process (smtp-server), for tests of the mail path: it accepts every
 * message (or refuses them all while `refuse` is set), parses it with mailparser, and keeps it.
 */
export async function startSmtpCatcher(): Promise<{
  url: string
  port: number
  messages: CaughtEmail[]
  refuse: boolean
  /** Resolves with the first message (already caught or to come) that matches. */
  waitFor(match: (m: CaughtEmail) => boolean, timeoutMs?: number): Promise<CaughtEmail>
  close(): Promise<void>
}> {
  const messages: CaughtEmail[] = []
  const waiters: { match: (m: CaughtEmail) => boolean; resolve: (m: CaughtEmail) => void }[] = []
  const state = { refuse: false }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        if (state.refuse) {
          const error = new Error('Mailbox unavailable') as Error & { responseCode: number }
          error.responseCode = 550
          callback(error)
          return
        }
        const raw = Buffer.concat(chunks).toString('utf8')
        simpleParser(raw).then(
          (parsed: ParsedMail) => {
            const caught: CaughtEmail = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              raw,
            }
            messages.push(caught)
            for (const w of [...waiters]) {
              if (w.match(caught)) {
                waiters.splice(waiters.indexOf(w), 1)
                w.resolve(caught)
              }
            }
            callback()
          },
          (error: Error) => callback(error),
        )
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get refuse() {
      return state.refuse
    },
    set refuse(value: boolean) {
      state.refuse = value
    },
    waitFor(match, timeoutMs = 30_000) {
      const found = messages.find(match)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('No matching email arrived')), timeoutMs)
        waiters.push({
          match,
          resolve: (m) => {
            clearTimeout(timer)
            resolve(m)
          },
        })
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The first http(s) link in an email's text. */
export function linkIn(text: string, pattern: RegExp = /https?:\/\/\S+/): string {
  const m = text.match(pattern)
  if (!m) throw new Error(`No link in: ${text}`)
  return m[0]
}

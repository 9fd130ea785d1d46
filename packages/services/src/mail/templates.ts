/**
 * The emails Tandem sends, as plain text and simple HTML. A template gets its params (what was
 * known when the email was queued) and, for one-time links, the absolute URL the sender builds
 * from the portal's public address and the email's secret path.
 */

export const EMAIL_TEMPLATES = [
  'partner_invitation',
  'admin_invitation',
  'password_reset',
  'application_received',
  'application_approved',
  'application_rejected',
  'account_exists',
  'friend_invitation',
] as const
export type EmailTemplate = (typeof EMAIL_TEMPLATES)[number]

export interface RenderedEmail {
  text: string
  html: string
}

type Params = Record<string, unknown>

const str = (p: Params, key: string, fallback = ''): string => {
  const v = p[key]
  return typeof v === 'string' ? v : fallback
}

/** The text of an email, with `link` (the one-time or portal link) filled in. */
export function renderEmail(template: string, params: Params, link: string | null): RenderedEmail {
  const name = str(params, 'name', 'there')
  const program = str(params, 'programName')
  const lines = bodyLines(template as EmailTemplate, params, program)
  const paragraphs = [`Hello ${name},`, ...lines.before]
  const action = link && lines.action ? { label: lines.action, url: link } : null
  const after = [...lines.after, 'The Tandem team']
  const text = [...paragraphs, ...(action ? [`${action.label}:\n${action.url}`] : []), ...after].join('\n\n')
  const html = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2937">',
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    action
      ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:10px 16px;background:#3b5bdb;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p><p style="font-size:13px;color:#6b7280">${escapeHtml(action.url)}</p>`
      : '',
    ...after.map((p) => `<p>${escapeHtml(p)}</p>`),
    '</body></html>',
  ].join('')
  return { text, html }
}

function bodyLines(
  template: EmailTemplate,
  params: Params,
  program: string,
): { before: string[]; action: string | null; after: string[] } {
  switch (template) {
    case 'partner_invitation':
      return {
        before: [
          `You have been invited to the partner portal${program ? ` of ${program}` : ''}. Set a password to see your links, earnings and payouts.`,
        ],
        action: 'Set your password',
        after: ['The link works once and expires in 7 days.'],
      }
    case 'admin_invitation':
      return {
        before: ['You have been invited to the Tandem admin portal. Set a password to get started.'],
        action: 'Set your password',
        after: ['The link works once and expires in 7 days.'],
      }
    case 'password_reset':
      return {
        before: ['Someone (hopefully you) asked to reset the password of your Tandem account.'],
        action: 'Choose a new password',
        after: [
          'The link works once and expires in one hour. If you did not ask for it, ignore this email: your password stays as it is.',
        ],
      }
    case 'application_received':
      return {
        before: [
          `Thank you for applying to ${program}. The program's team reviews applications and will email you their decision.`,
        ],
        action: null,
        after: [],
      }
    case 'application_approved':
      return params.hasAccount
        ? {
            before: [
              `Good news: your application to ${program} is approved. Your links are ready in the partner portal.`,
            ],
            action: 'Open the partner portal',
            after: [],
          }
        : {
            before: [
              `Good news: your application to ${program} is approved. Set a password to open the partner portal, where your links, earnings and payouts are.`,
            ],
            action: 'Set your password',
            after: ['The link works once and expires in 7 days.'],
          }
    case 'application_rejected':
      return {
        before: [
          `Thank you for your interest in ${program}. The program's team decided not to accept your application at this time.`,
          ...(str(params, 'reason') ? [`Their note: ${str(params, 'reason')}`] : []),
        ],
        action: null,
        after: [],
      }
    case 'account_exists':
      return {
        before: [
          `Someone applied to ${program} with this email address, which already has a partner account. Log in to the partner portal and join the program from there.`,
        ],
        action: 'Log in',
        after: ['If it was not you, you can ignore this email.'],
      }
    case 'friend_invitation':
      return {
        before: [
          `${str(params, 'referrerName', 'A friend')} thinks you would like ${program}.${str(params, 'offer') ? ` ${str(params, 'offer')}` : ''}`,
          ...(str(params, 'code') ? [`Use the code ${str(params, 'code')} at checkout.`] : []),
        ],
        action: 'Have a look',
        after: [],
      }
    default:
      return { before: [str(params, 'text')], action: 'Open', after: [] }
  }
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

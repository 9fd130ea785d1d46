/**
 * core's explanations are written for managers: they name partners by id and quote click ids.
 * A partner sees them rewritten: their own id becomes "you", any other partner "another
 * partner", click ids and other internal ids are dropped.
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi
/** A signed click id (base64url, 30+ characters) in parentheses or after "click". */
const CLICK_IN_PARENS = /\s*\([A-Za-z0-9_-]{24,}\)/g
const LONG_TOKEN = /\b[A-Za-z0-9_-]{32,}\b/g

export function partnerSafe(text: string, partnerId: string): string {
  return text
    .replace(CLICK_IN_PARENS, '')
    .replace(UUID, (id) => (id.toLowerCase() === partnerId.toLowerCase() ? 'you' : 'another partner'))
    .replace(LONG_TOKEN, '…')
    .replace(/\byou 100%: /, '')
    .replace(/\s{2,}/g, ' ')
    .trim()
}

/** What fraud flag codes mean, in words a partner can act on. */
const FLAG_WORDS: Record<string, string> = {
  fast_conversion: 'the sale came within seconds of the click',
  bot_click: 'the click came from a bot',
  bot_user_agent: 'the click came from a bot',
  self_referral: 'the buyer looks like the partner themselves',
  duplicate_order: 'the order was reported before',
  order_id_reused: 'the order was reported before',
}

export function describeFlags(codes: readonly string[]): string[] {
  return [...new Set(codes.map((c) => FLAG_WORDS[c] ?? c.replace(/_/g, ' ')))]
}

/** True when the user agent matches a known bot, crawler, HTTP library or headless browser. */
export function isBotUserAgent(userAgent: string, extraPatterns: readonly string[] = []): boolean {
  throw new Error(`isBotUserAgent: not implemented yet (${userAgent} ${extraPatterns.length})`)
}

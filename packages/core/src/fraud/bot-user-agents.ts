import { InvalidInputError } from '../errors.ts'

/**
 * Substrings (case-insensitive regular-expression sources) of user agents that are not a
 * person clicking a link: search and SEO crawlers, link-preview fetchers, monitoring,
 * HTTP libraries and headless browsers.
 */
export const BOT_USER_AGENT_PATTERNS: readonly string[] = [
  // generic words
  '\\bbot\\b',
  'bot[/;]',
  '\\+https?://', // crawlers put a contact URL in their user agent
  'crawl',
  'spider',
  'slurp',
  'scraper',
  'archiver',
  'fetcher',
  'preview',
  // search engines and SEO tools
  'googlebot',
  'adsbot-google',
  'mediapartners-google',
  'google-inspectiontool',
  'bingbot',
  'bingpreview',
  'yandex',
  'baiduspider',
  'duckduckbot',
  'applebot',
  'sogou',
  'exabot',
  'seznambot',
  'petalbot',
  'ahrefs',
  'semrush',
  'mj12bot',
  'dotbot',
  'rogerbot',
  'screaming frog',
  'serpstat',
  'dataforseo',
  // AI and data crawlers
  'gptbot',
  'chatgpt-user',
  'claudebot',
  'anthropic-ai',
  'ccbot',
  'bytespider',
  'amazonbot',
  'perplexitybot',
  'diffbot',
  // link previews and social
  'facebookexternalhit',
  'facebookcatalog',
  'twitterbot',
  'linkedinbot',
  'slackbot',
  'slack-imgproxy',
  'discordbot',
  'telegrambot',
  'whatsapp',
  'skypeuripreview',
  'pinterestbot',
  'redditbot',
  'embedly',
  'quora link preview',
  'vkshare',
  // monitoring and performance
  'pingdom',
  'uptimerobot',
  'statuscake',
  'site24x7',
  'newrelicpinger',
  'datadog',
  'lighthouse',
  'pagespeed',
  'gtmetrix',
  'checkly',
  // HTTP clients and automation
  '^curl/',
  '^wget/',
  'python-requests',
  'python-urllib',
  'aiohttp',
  'httpx',
  'go-http-client',
  '^java/',
  'apache-httpclient',
  'okhttp',
  'node-fetch',
  'undici',
  '^axios/',
  'got \\(',
  'libwww-perl',
  'php/',
  'guzzlehttp',
  'ruby',
  'scrapy',
  'httpclient',
  'postmanruntime',
  'insomnia',
  // headless browsers and automation frameworks
  'headlesschrome',
  'phantomjs',
  'selenium',
  'webdriver',
  'puppeteer',
  'playwright',
  'cypress',
]

const BUILT_IN = new RegExp(BOT_USER_AGENT_PATTERNS.join('|'), 'i')
const compiled = new Map<string, RegExp>()

function extraRegex(patterns: readonly string[]): RegExp | null {
  if (patterns.length === 0) return null
  const key = patterns.join('\u0000')
  let regex = compiled.get(key)
  if (!regex) {
    try {
      regex = new RegExp(patterns.join('|'), 'i')
    } catch {
      throw new InvalidInputError(
        `An extra bot user-agent pattern is not a valid regular expression: ${patterns.join(', ')}`,
      )
    }
    compiled.set(key, regex)
  }
  return regex
}

/** The pattern that marks this user agent as a bot, or null for a browser. */
export function matchBotUserAgent(userAgent: string, extraPatterns: readonly string[] = []): string | null {
  const builtIn = BUILT_IN.exec(userAgent)
  if (builtIn) return builtIn[0]
  const extra = extraRegex(extraPatterns)?.exec(userAgent)
  return extra ? extra[0] : null
}

/** True when the user agent matches a known bot, crawler, HTTP library or headless browser. */
export function isBotUserAgent(userAgent: string, extraPatterns: readonly string[] = []): boolean {
  return matchBotUserAgent(userAgent, extraPatterns) !== null
}

/** Word lists for readable demo names; which combination is used is decided by the seeded PRNG. */
export const SITE_WORDS = [
  'Alpine',
  'Summit',
  'Trail',
  'Urban',
  'Coastal',
  'Nordic',
  'Wild',
  'Peak',
  'River',
  'Forest',
  'Canyon',
  'Glacier',
  'Meadow',
  'Harbor',
  'Ridge',
  'Basecamp',
] as const

export const SITE_KINDS = [
  'Gear Blog',
  'Reviews',
  'Outdoors',
  'Deals',
  'Journal',
  'Weekly',
  'Guide',
  'Lab',
  'Hub',
  'Collective',
  'Podcast',
  'Club',
] as const

export const FIRST_NAMES = [
  'Anna',
  'Ben',
  'Chloé',
  'David',
  'Elif',
  'Finn',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Klara',
  'Lukas',
  'Mia',
  'Noah',
  'Olga',
  'Paul',
  'Rosa',
  'Sofia',
  'Tom',
  'Yara',
] as const

export const LAST_NAMES = [
  'Schmidt',
  'Dubois',
  'Rossi',
  'García',
  'Jansen',
  'Novak',
  'Berg',
  'Keller',
  'Moreau',
  'Lindqvist',
  'Costa',
  'Weber',
  'Fischer',
  'Martin',
  'Kowalski',
] as const

/** Words for everyday link codes (`trail-shoes-7`); spring campaign links are `spring-sale-N`. */
export const CAMPAIGN_WORDS = [
  'summer-hike',
  'trail-shoes',
  'rain-jackets',
  'camp-kitchen',
  'winter-layers',
  'backpacks',
  'gift-guide',
  'newsletter',
  'youtube-review',
  'instagram-bio',
  'top-10',
] as const

export const LANDING_PATHS = [
  '',
  'collections/hiking',
  'collections/jackets',
  'collections/footwear',
  'collections/camping',
  'sale',
  'new-arrivals',
] as const

/** Countries of the shop's visitors, with weights (a European outdoor shop). */
export const COUNTRIES: readonly (readonly [string, number])[] = [
  ['DE', 30],
  ['FR', 14],
  ['NL', 9],
  ['AT', 7],
  ['CH', 6],
  ['GB', 8],
  ['ES', 6],
  ['IT', 6],
  ['SE', 4],
  ['PL', 4],
  ['US', 6],
]

export const DEVICES: readonly (readonly [string, number])[] = [
  ['mobile', 58],
  ['desktop', 36],
  ['tablet', 6],
]

export const USER_AGENTS: Readonly<Record<string, readonly string[]>> = {
  mobile: [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Mobile Safari/537.36',
    'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Mobile Safari/537.36',
  ],
  desktop: [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15',
    'Mozilla/5.0 (X11; Linux x86_64; rv:141.0) Gecko/20100101 Firefox/141.0',
  ],
  tablet: [
    'Mozilla/5.0 (iPad; CPU OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
  ],
}

/** Crawlers and scripts; core's fraud scoring decides that they are bots. */
export const BOT_USER_AGENTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'python-requests/2.32.3',
  'curl/8.9.1',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/139.0.0.0 Safari/537.36',
] as const

export const PRODUCTS: readonly { sku: string; category: string; priceMinor: number }[] = [
  { sku: 'JKT-RAIN-01', category: 'jackets', priceMinor: 14_900 },
  { sku: 'JKT-DOWN-02', category: 'jackets', priceMinor: 22_900 },
  { sku: 'SHO-TRAIL-01', category: 'footwear', priceMinor: 12_900 },
  { sku: 'SHO-HIKE-02', category: 'footwear', priceMinor: 17_900 },
  { sku: 'BAG-DAY-20', category: 'backpacks', priceMinor: 7_900 },
  { sku: 'BAG-TREK-45', category: 'backpacks', priceMinor: 15_900 },
  { sku: 'CMP-STOVE-01', category: 'camping', priceMinor: 5_900 },
  { sku: 'CMP-TENT-2P', category: 'camping', priceMinor: 27_900 },
  { sku: 'ACC-SOCKS-3', category: 'accessories', priceMinor: 1_990 },
  { sku: 'ACC-BOTTLE', category: 'accessories', priceMinor: 2_490 },
  { sku: 'ACC-HEADLAMP', category: 'accessories', priceMinor: 3_990 },
]

/**
 * ISO 4217 currencies and their minor-unit exponents (number of decimals).
 * Only codes in this table are accepted: an unknown code is an error, never "2 decimals by default".
 */
const ZERO_DECIMALS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'
const THREE_DECIMALS = 'BHD IQD JOD KWD LYD OMR TND'
const FOUR_DECIMALS = 'CLF UYW'
const TWO_DECIMALS = [
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD',
  'CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL',
  'GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD',
  'LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN',
  'PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL',
  'THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL',
].join(' ')

const DECIMALS: ReadonlyMap<string, number> = new Map([
  ...TWO_DECIMALS.split(' ').map((code) => [code, 2] as const),
  ...ZERO_DECIMALS.split(' ').map((code) => [code, 0] as const),
  ...THREE_DECIMALS.split(' ').map((code) => [code, 3] as const),
  ...FOUR_DECIMALS.split(' ').map((code) => [code, 4] as const),
])

/** Decimals of an ISO 4217 code, or undefined when the code is unknown. */
export function lookupCurrencyDecimals(code: string): number | undefined {
  // Programs use one or two currencies: remembering the last answer skips most map lookups.
  if (code === lastCode) return lastDecimals
  const decimals = DECIMALS.get(code)
  if (decimals !== undefined) {
    lastCode = code
    lastDecimals = decimals
  }
  return decimals
}

let lastCode = ''
let lastDecimals = 0

/** Every supported ISO 4217 code, sorted. */
export function supportedCurrencies(): string[] {
  return [...DECIMALS.keys()].sort()
}

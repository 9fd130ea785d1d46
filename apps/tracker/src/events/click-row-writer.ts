import type { ClickRow } from '@tandem/db'

/**
 * A click row as JSONEachRow bytes, written straight into the spool's batch buffer: the same
 * bytes as clickRowJson (tested), without building a string of the row and encoding it again.
 * The constant parts are pre-encoded; text that needs no escaping (ids, hashes, almost every
 * user agent) is copied as is; anything else goes through JSON.stringify, as in clickRowJson.
 */

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'))
const F_EVENT_ID = utf8('{"event_id":"')
const F_TS = utf8('","ts":')
const F_CLICK_ID = utf8(',"click_id":')
const F_IP_HASH = utf8(',"ip_hash":')
const F_COUNTRY = utf8(',"country":')
const F_DEVICE = utf8(',"device":')
const F_USER_AGENT = utf8(',"user_agent":')
const F_REFERER = utf8(',"referer":')
const F_SUB1 = utf8(',"sub1":')
const F_SUB2 = utf8(',"sub2":')
const F_SUB3 = utf8(',"sub3":')
const F_SUB4 = utf8(',"sub4":')
const F_SUB5 = utf8(',"sub5":')
const F_UTM_SOURCE = utf8(',"utm_source":')
const F_UTM_MEDIUM = utf8(',"utm_medium":')
const F_UTM_CAMPAIGN = utf8(',"utm_campaign":')
const F_NO_REFERER_OR_SUB_IDS = utf8(
  ',"referer":"","sub1":"","sub2":"","sub3":"","sub4":"","sub5":"","utm_source":"","utm_medium":"","utm_campaign":""',
)
const F_IS_UNIQUE_0 = utf8(',"is_unique":0')
const F_IS_UNIQUE_1 = utf8(',"is_unique":1')
const F_IS_BOT_0 = utf8(',"is_bot":0,"fraud_score":')
const F_IS_BOT_1 = utf8(',"is_bot":1,"fraud_score":')
const F_FRAUD_FLAGS = utf8(',"fraud_flags":[')
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c

/**
 * The fields a link contributes, between the click id and the visitor hash
 * (`","program_id":…,"visitor_hash":`), encoded once per link.
 */
export function linkRowFields(link: { programId: string; partnerId: string; id: number }): Uint8Array {
  return utf8(
    `,"program_id":"${link.programId}","partner_id":"${link.partnerId}","link_id":${link.id},"visitor_hash":`,
  )
}

/** An upper bound of the bytes writeClickRow writes for `row` (an escaped character is ≤ 6 bytes). */
export function clickRowMaxBytes(row: ClickRow, linkFields: Uint8Array): number {
  let text =
    row.event_id.length +
    row.click_id.length +
    row.visitor_hash.length +
    row.ip_hash.length +
    row.country.length +
    row.device.length +
    row.user_agent.length +
    row.referer.length +
    row.sub1.length +
    row.sub2.length +
    row.sub3.length +
    row.sub4.length +
    row.sub5.length +
    row.utm_source.length +
    row.utm_medium.length +
    row.utm_campaign.length
  for (const flag of row.fraud_flags) text += flag.length + 3
  return 6 * text + linkFields.length + 512
}

/**
 * Writes `row` (whose program, partner and link are those of `linkFields`) at `pos` of `out`;
 * returns where it ends. `out` must have clickRowMaxBytes(row, linkFields) bytes free at `pos`.
 */
export function writeClickRow(out: Buffer, pos: number, row: ClickRow, linkFields: Uint8Array): number {
  let p = put(out, pos, F_EVENT_ID)
  p = ascii(out, p, row.event_id)
  p = put(out, p, F_TS)
  p = ascii(out, p, String(row.ts))
  p = put(out, p, F_CLICK_ID)
  p = text(out, p, row.click_id)
  p = put(out, p, linkFields)
  p = text(out, p, row.visitor_hash)
  p = put(out, p, F_IP_HASH)
  p = text(out, p, row.ip_hash)
  p = put(out, p, F_COUNTRY)
  p = text(out, p, row.country)
  p = put(out, p, F_DEVICE)
  p = text(out, p, row.device)
  p = put(out, p, F_USER_AGENT)
  p = text(out, p, row.user_agent)
  if (
    row.referer === '' &&
    row.sub1 === '' &&
    row.sub2 === '' &&
    row.sub3 === '' &&
    row.sub4 === '' &&
    row.sub5 === '' &&
    row.utm_source === '' &&
    row.utm_medium === '' &&
    row.utm_campaign === ''
  ) {
    p = put(out, p, F_NO_REFERER_OR_SUB_IDS) // most clicks
  } else {
    p = put(out, p, F_REFERER)
    p = text(out, p, row.referer)
    p = put(out, p, F_SUB1)
    p = text(out, p, row.sub1)
    p = put(out, p, F_SUB2)
    p = text(out, p, row.sub2)
    p = put(out, p, F_SUB3)
    p = text(out, p, row.sub3)
    p = put(out, p, F_SUB4)
    p = text(out, p, row.sub4)
    p = put(out, p, F_SUB5)
    p = text(out, p, row.sub5)
    p = put(out, p, F_UTM_SOURCE)
    p = text(out, p, row.utm_source)
    p = put(out, p, F_UTM_MEDIUM)
    p = text(out, p, row.utm_medium)
    p = put(out, p, F_UTM_CAMPAIGN)
    p = text(out, p, row.utm_campaign)
  }
  p = put(out, p, row.is_unique ? F_IS_UNIQUE_1 : F_IS_UNIQUE_0)
  p = put(out, p, row.is_bot ? F_IS_BOT_1 : F_IS_BOT_0)
  p = ascii(out, p, String(row.fraud_score))
  p = put(out, p, F_FRAUD_FLAGS)
  for (let i = 0; i < row.fraud_flags.length; i++) {
    if (i > 0) out[p++] = COMMA
    p = text(out, p, row.fraud_flags[i]!)
  }
  out[p++] = 0x5d // ]
  out[p++] = 0x7d // }
  return p
}

function put(out: Buffer, pos: number, fragment: Uint8Array): number {
  out.set(fragment, pos)
  return pos + fragment.length
}

/** Text the tracker produced itself (a UUID, numbers): ASCII that needs no escaping. */
function ascii(out: Buffer, pos: number, value: string): number {
  for (let i = 0; i < value.length; i++) out[pos + i] = value.charCodeAt(i)
  return pos + value.length
}

/** Printable ASCII without a quote or a backslash: written as is between quotes. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/
/** Up to this length a loop checks and copies in one pass; longer text is tested, then copied natively. */
const SHORT = 64

/** A JSON string, as JSON.stringify writes it (a plain one is copied without it). */
function text(out: Buffer, pos: number, value: string): number {
  const length = value.length
  out[pos] = QUOTE
  if (length <= SHORT) {
    for (let i = 0; i < length; i++) {
      const c = value.charCodeAt(i)
      if (c < 0x20 || c > 0x7e || c === QUOTE || c === BACKSLASH) return escaped(out, pos, value)
      out[pos + 1 + i] = c
    }
  } else if (PLAIN.test(value)) out.write(value, pos + 1, 'latin1')
  else return escaped(out, pos, value)
  out[pos + 1 + length] = QUOTE
  return pos + length + 2
}

function escaped(out: Buffer, pos: number, value: string): number {
  return pos + out.write(JSON.stringify(value), pos, 'utf8')
}

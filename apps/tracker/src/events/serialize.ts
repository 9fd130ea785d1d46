import type { ClickRow } from '@tandem/db'

const text = (value: string): string => (value === '' ? '""' : JSON.stringify(value))

/**
 * A click row as one JSONEachRow line, written field by field: the hot path's serialization,
 * about twice as fast as JSON.stringify on the object. Every string that can hold request data
 * goes through JSON.stringify; the rest are ids and numbers the tracker produced.
 */
export function clickRowJson(r: ClickRow): string {
  return (
    `{"event_id":"${r.event_id}","ts":${r.ts},"click_id":${text(r.click_id)},"program_id":"${r.program_id}",` +
    `"partner_id":"${r.partner_id}","link_id":${r.link_id},"visitor_hash":${text(r.visitor_hash)},` +
    `"ip_hash":${text(r.ip_hash)},"country":${text(r.country)},"device":${text(r.device)},` +
    `"user_agent":${text(r.user_agent)},"referer":${text(r.referer)},"sub1":${text(r.sub1)},` +
    `"sub2":${text(r.sub2)},"sub3":${text(r.sub3)},"sub4":${text(r.sub4)},"sub5":${text(r.sub5)},` +
    `"utm_source":${text(r.utm_source)},"utm_medium":${text(r.utm_medium)},"utm_campaign":${text(r.utm_campaign)},` +
    `"is_unique":${r.is_unique},"is_bot":${r.is_bot},"fraud_score":${r.fraud_score},` +
    `"fraud_flags":[${r.fraud_flags.map(text).join(',')}]}`
  )
}

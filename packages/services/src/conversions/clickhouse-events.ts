import { randomUUID } from 'node:crypto'
import type { CommissionLine } from '@tandem/core'
import { type ConversionProgram, type EventRow, emptyEventRow, NIL_UUID } from '@tandem/db'
import type { AttributionDecision } from './decide.ts'
import type { ClientContext, CommissionView, NewConversionRequest } from './types.ts'

/** The ClickHouse `events` row of a new conversion. */
export function conversionEvent(
  program: ConversionProgram,
  request: NewConversionRequest,
  decision: AttributionDecision,
  lines: readonly CommissionLine[],
  conversionId: string,
  now: Date,
): EventRow {
  const top = decision.attribution.shares[0]?.partnerId ?? null
  const isBot = decision.flags.some((f) => f.code === 'bot_click') && decision.attribution.shares.length === 0
  return {
    ...emptyEventRow(),
    ...clientColumns(request.client),
    event_id: randomUUID(),
    ts: now.getTime(),
    type: 'conversion',
    program_id: program.id,
    partner_id: top ?? NIL_UUID,
    link_id: decision.mainClick?.linkId ?? 0,
    click_id: decision.mainClick?.clickId ?? '',
    conversion_id: conversionId,
    order_id: request.orderId,
    event_name: request.event,
    status: decision.lifecycle.state,
    amount_minor: request.amount.amountMinor,
    commission_minor: lines.reduce((sum, l) => sum + l.amount.amountMinor, 0),
    currency: request.amount.currency,
    sub1: request.subIds.sub1 ?? '',
    sub2: request.subIds.sub2 ?? '',
    sub3: request.subIds.sub3 ?? '',
    sub4: request.subIds.sub4 ?? '',
    sub5: request.subIds.sub5 ?? '',
    is_bot: decision.fraud.decision === 'block' || isBot ? 1 : 0,
    fraud_score: decision.fraud.score,
    fraud_flags: decision.flags.map((f) => f.code),
  }
}

/**
 * The `events` row of a change to an existing conversion: a refund (negative amount) or a status
 * change; a superseded pixel conversion is a refund of what was left of it.
 */
export function changeEvent(
  programId: string,
  request: { orderId: string; event: string; client: ClientContext | null },
  change: {
    conversionId: string
    partnerId: string | null
    status: string
    currency: string
    refundedMinor: number
    written: readonly Pick<CommissionView, 'amountMinor'>[]
  },
  now: Date,
): EventRow {
  return {
    ...emptyEventRow(),
    ...(request.client ? clientColumns(request.client) : {}),
    event_id: randomUUID(),
    ts: now.getTime(),
    type: change.refundedMinor > 0 ? 'refund' : 'status',
    program_id: programId,
    partner_id: change.partnerId ?? NIL_UUID,
    conversion_id: change.conversionId,
    order_id: request.orderId,
    event_name: request.event,
    status: change.status,
    amount_minor: -change.refundedMinor,
    commission_minor: change.written.reduce((sum, c) => sum + c.amountMinor, 0),
    currency: change.currency,
  }
}

function clientColumns(client: ClientContext) {
  return {
    visitor_hash: client.visitorHash,
    ip_hash: client.ipHash,
    user_agent: client.userAgent,
    referer: client.referer,
  }
}

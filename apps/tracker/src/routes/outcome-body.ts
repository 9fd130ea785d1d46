import type { CommissionView, ConversionOutcome } from '../conversions/types.ts'

/** The JSON answer for postbacks and the API: what happened, the conversion, the commissions. */
export function outcomeBody(outcome: ConversionOutcome): Record<string, unknown> {
  const c = outcome.conversion
  return {
    result: outcome.result,
    conversion: {
      id: c.id,
      program_id: c.programId,
      event: c.event,
      order_id: c.orderId,
      status: c.status,
      amount_minor: c.amountMinor,
      refunded_minor: c.refundedMinor,
      currency: c.currency,
      partner_id: c.partnerId,
      hold_until: c.holdUntil,
      fraud_flags: c.fraudFlags,
    },
    commissions: outcome.commissions.map(commission),
    written: outcome.written.map(commission),
    attribution: outcome.attribution
      ? {
          source: outcome.attribution.source,
          shares: outcome.attribution.shares.map((s) => ({
            partner_id: s.partnerId,
            weight_ppm: s.weightPpm,
          })),
          explanation: outcome.attribution.explanation,
        }
      : null,
    reasons: outcome.reasons,
    clicks: outcome.clicks
      ? {
          accepted: outcome.clicks.accepted,
          rejected: outcome.clicks.rejected.map((r) => ({ click_id: r.clickId, reason: r.reason })),
        }
      : null,
    superseded: outcome.superseded
      ? { conversion_id: outcome.superseded.conversionId, status: outcome.superseded.status }
      : null,
  }
}

function commission(c: CommissionView): Record<string, unknown> {
  return {
    partner_id: c.partnerId,
    level: c.level,
    kind: c.kind,
    amount_minor: c.amountMinor,
    currency: c.currency,
    status: c.status,
    explanation: c.explanation,
  }
}

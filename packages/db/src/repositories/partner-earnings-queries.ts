import type { Money } from '@tandem/core'
import { type Kysely, sql } from 'kysely'
import type { CommissionsTable, ConversionStatus, Database } from '../postgres/schema.ts'
import { conversionsBefore } from './shared/conversion-list.ts'
import { cursorInstant, type KeysetKey, type KeysetPage, keysetPage } from './shared/keyset-page.ts'
import { moneyList } from './shared/money-totals.ts'
import { ownConversion } from './shared/own-conversion.ts'
import { endOfDay, startOfDay } from './shared/utc-days.ts'

export interface PartnerEarningsParams {
  /** The partner whose earnings these are (from the session): every read filters by it. */
  partnerId: string
  programId?: string | undefined
  status?: ConversionStatus | undefined
  /** UTC days of occurred_at, both included. */
  from?: string | undefined
  to?: string | undefined
  limit: number
  after: KeysetKey | null
}

export interface EarningLine {
  kind: CommissionsTable['kind']
  level: number
  amount: Money
  status: CommissionsTable['status']
  /** core's words (may name partners by id and click ids: the API rewrites them). */
  explanation: string
  createdAt: string
}

export interface PartnerEarningItem {
  id: string
  programId: string
  programName: string
  holdDays: number
  event: string
  orderId: string
  status: ConversionStatus
  amount: Money
  refunded: Money
  occurredAt: string
  holdUntil: string | null
  decidedAt: string | null
  /** core sent it to a person for review (the hold job waits for them). */
  needsReview: boolean
  /** core's attribution explanation (rewritten by the API before a partner sees it). */
  attributionExplanation: string | null
  fraudFlags: string[]
  /** This partner's ledger rows of the conversion, oldest first (reversals included). */
  lines: EarningLine[]
  /** This partner's net commission per currency (rejected rows left out). */
  commission: Money[]
  refunds: { amount: Money; at: string }[]
  /** The reason given when it was rejected or reversed by a person or the merchant, if any. */
  decisionReason: string | null
}

/** A partner's conversions with the why of each commission, newest first, filtered. */
export async function listPartnerEarnings(
  db: Kysely<Database>,
  p: PartnerEarningsParams,
): Promise<KeysetPage<PartnerEarningItem>> {
  const after = p.after
  const rows = await db
    .selectFrom('conversions as c')
    .innerJoin('programs as g', 'g.id', 'c.program_id')
    .select([
      'c.id',
      'c.program_id',
      'g.name as program_name',
      'g.hold_days',
      'c.event',
      'c.order_id',
      'c.status',
      'c.amount_minor',
      'c.refunded_minor',
      'c.currency',
      'c.occurred_at',
      'c.hold_until',
      'c.decided_at',
      'c.attribution',
      'c.fraud_flags',
      cursorInstant('c.occurred_at').as('cursor_at'),
    ])
    .where(ownConversion(p.partnerId))
    .where('c.superseded_by', 'is', null)
    .$if(p.programId !== undefined, (q) => q.where('c.program_id', '=', p.programId!))
    .$if(p.status !== undefined, (q) => q.where('c.status', '=', p.status!))
    .$if(p.from !== undefined, (q) => q.where('c.occurred_at', '>=', startOfDay(p.from!)))
    .$if(p.to !== undefined, (q) => q.where('c.occurred_at', '<', endOfDay(p.to!)))
    .$if(after !== null, (q) => q.where(conversionsBefore(after!)))
    .orderBy('c.occurred_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(p.limit + 1)
    .execute()
  const ids = rows.slice(0, p.limit).map((r) => r.id)
  const [lines, refunds, reasons] = ids.length
    ? await Promise.all([
        db
          .selectFrom('commissions')
          .select([
            'conversion_id',
            'kind',
            'level',
            'amount_minor',
            'currency',
            'status',
            'explanation',
            'created_at',
          ])
          .where('partner_id', '=', p.partnerId)
          .where('conversion_id', 'in', ids)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('conversion_refunds')
          .select(['conversion_id', 'amount_minor', 'currency', 'created_at'])
          .where('conversion_id', 'in', ids)
          .orderBy('created_at')
          .execute(),
        db
          .selectFrom('audit_log')
          .select(['entity_id', sql<string | null>`data->>'reason'`.as('reason')])
          .where('entity_type', '=', 'conversion')
          .where('entity_id', 'in', ids)
          .where(sql<boolean>`data->>'reason' is not null`)
          .orderBy('at', 'desc')
          .execute(),
      ])
    : [[], [], []]
  return keysetPage(
    rows,
    p.limit,
    (r) => [r.cursor_at, r.id],
    (r): PartnerEarningItem => {
      const own = lines.filter((l) => l.conversion_id === r.id)
      const currency = r.currency.trim()
      const attribution = (r.attribution ?? {}) as { explanation?: unknown; needsReview?: unknown }
      return {
        id: r.id,
        programId: r.program_id,
        programName: r.program_name,
        holdDays: r.hold_days,
        event: r.event,
        orderId: r.order_id,
        status: r.status,
        amount: { amountMinor: r.amount_minor, currency },
        refunded: { amountMinor: r.refunded_minor, currency },
        occurredAt: r.occurred_at.toISOString(),
        holdUntil: r.hold_until ? r.hold_until.toISOString() : null,
        decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
        needsReview: attribution.needsReview === true,
        attributionExplanation: typeof attribution.explanation === 'string' ? attribution.explanation : null,
        fraudFlags: Array.isArray(r.fraud_flags) ? r.fraud_flags.map((f) => f.code) : [],
        lines: own.map((l) => ({
          kind: l.kind,
          level: l.level,
          amount: { amountMinor: l.amount_minor, currency: l.currency.trim() },
          status: l.status,
          explanation: l.explanation,
          createdAt: l.created_at.toISOString(),
        })),
        commission: moneyList(
          own
            .filter((l) => l.status !== 'rejected')
            .map((l) => ({ currency: l.currency, amountMinor: l.amount_minor })),
        ),
        refunds: refunds
          .filter((f) => f.conversion_id === r.id)
          .map((f) => ({
            amount: { amountMinor: f.amount_minor, currency: f.currency.trim() },
            at: f.created_at.toISOString(),
          })),
        decisionReason: reasons.find((x) => x.entity_id === r.id)?.reason ?? null,
      }
    },
  )
}

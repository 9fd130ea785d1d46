import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Database } from '../../postgres/schema.ts'

type WithConversionsAsC = Database & { c: Database['conversions'] }

/**
 * "This partner's conversions": attributed to it (largest share) or earning it a level-0
 * commission (a smaller share under multi-touch attribution). Overrides on a sub-partner's sale
 * do not make the sale the parent's own. Expects the conversions table aliased `c`.
 */
export function ownConversion(partnerId: string) {
  return (eb: ExpressionBuilder<WithConversionsAsC, 'c'>): Expression<SqlBool> =>
    eb.or([
      eb('c.partner_id', '=', partnerId),
      eb.exists(
        eb
          .selectFrom('commissions as own')
          .select('own.id')
          .whereRef('own.conversion_id', '=', 'c.id')
          .where('own.partner_id', '=', partnerId)
          .where('own.level', '=', 0),
      ),
    ])
}

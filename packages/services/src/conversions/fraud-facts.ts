import type { ConversionFraudInput } from '@tandem/core'
import {
  type ConversionProgram,
  countConversionsSince,
  countCouponUses,
  type Database,
  orderIdUsedByOtherEvent,
} from '@tandem/db'
import type { Kysely } from 'kysely'
import type { ActivityStats, NewConversionRequest } from './types.ts'

const WINDOW_DAYS = 30

/**
 * The inputs of core's conversion fraud checks that need the database: whether the order id was
 * already used by another event of the program; for a coupon conversion, the coupon's uses and
 * its partner's clicks over the last 30 days (a coupon used far more often than clicked is a
 * leaked code); and, when click statistics are at hand (ClickHouse rollups), the partner's and the
 * program's conversion rates.
 */
export async function loadFraudFacts(
  db: Kysely<Database>,
  stats: ActivityStats | undefined,
  program: ConversionProgram,
  request: NewConversionRequest,
  touch: { couponPartnerId: string | null; topPartnerId: string | null },
): Promise<Pick<ConversionFraudInput, 'orderIdSeenBefore' | 'coupon' | 'partnerStats' | 'programStats'>> {
  const since = new Date(request.occurredAt.getTime() - WINDOW_DAYS * 86_400_000)
  const orderIdSeenBefore = await orderIdUsedByOtherEvent(db, program.id, request.event, request.orderId)
  let coupon: ConversionFraudInput['coupon'] = null
  if (request.coupon && touch.couponPartnerId) {
    const uses = await countCouponUses(db, program.id, request.coupon, since)
    const partnerClicks = stats ? await stats.clicks(program.id, since, touch.couponPartnerId) : null
    if (partnerClicks !== null) coupon = { code: request.coupon, uses: uses + 1, partnerClicks }
  }
  let partnerStats: ConversionFraudInput['partnerStats'] = null
  let programStats: ConversionFraudInput['programStats'] = null
  if (stats && touch.topPartnerId) {
    const [partnerClicks, programClicks, partnerConversions, programConversions] = await Promise.all([
      stats.clicks(program.id, since, touch.topPartnerId),
      stats.clicks(program.id, since, null),
      countConversionsSince(db, program.id, since, touch.topPartnerId),
      countConversionsSince(db, program.id, since, null),
    ])
    // This conversion counts too: the rate it would make is the one to judge.
    partnerStats = { clicks: partnerClicks, conversions: partnerConversions + 1 }
    programStats = { clicks: programClicks, conversions: programConversions + 1 }
  }
  return { orderIdSeenBefore, coupon, partnerStats, programStats }
}

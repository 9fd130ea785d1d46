import { type ConversionProgram, type Database, loadLinkOwners } from '@tandem/db'
import type { Kysely } from 'kysely'
import { InvalidInputError } from '../errors.ts'
import type { ClickVerifier } from './types.ts'

const DAY_MS = 86_400_000

/** A click id that verified and belongs to this program. */
export interface VerifiedClick {
  clickId: string
  linkId: number
  partnerId: string
  at: Date
  bot: boolean
}

/** A click id the conversion carried that does not count, and why (echoed in the answer). */
export interface RejectedClick {
  clickId: string
  reason: string
}

export interface ClickCheck {
  /** Signed by us and of a link of this program: what core attributes with (it applies the window). */
  verified: VerifiedClick[]
  /** How many of `verified` are inside the attribution window: the clicks that were accepted. */
  accepted: number
  /** Forged or altered, of another program's link, or outside the window. */
  rejected: RejectedClick[]
}

/**
 * Verifies the click ids of a conversion. Forged and foreign ids never reach core; clicks outside
 * the attribution window do (core ignores them and says so) but are reported as not accepted, so
 * the answer can say plainly that the conversion's click did not count.
 */
export async function checkClicks(
  db: Kysely<Database>,
  verifier: ClickVerifier,
  program: ConversionProgram,
  ids: readonly string[],
  window: { occurredAt: Date; windowDays: number },
): Promise<ClickCheck> {
  const rejected: RejectedClick[] = []
  const signed: Omit<VerifiedClick, 'partnerId'>[] = []
  for (const id of ids) {
    const v = verifier.verify(id)
    if (v.ok) signed.push({ clickId: v.clickId, linkId: v.linkId, at: v.issuedAt, bot: v.bot })
    else rejected.push({ clickId: id.slice(0, 64), reason: v.message })
  }
  const owners = await loadLinkOwners(
    db,
    signed.map((v) => v.linkId),
  )
  const verified: VerifiedClick[] = []
  let accepted = 0
  const end = window.occurredAt.getTime()
  const start = end - window.windowDays * DAY_MS
  for (const v of signed) {
    const owner = owners.get(v.linkId)
    if (!owner || owner.programId !== program.id) {
      rejected.push({ clickId: v.clickId, reason: `its link is not in program ${program.slug}` })
      continue
    }
    verified.push({ ...v, partnerId: owner.partnerId })
    const at = v.at.getTime()
    if (at < start) {
      rejected.push({
        clickId: v.clickId,
        reason: `the click is older than the program's ${window.windowDays}-day attribution window`,
      })
    } else if (at > end) {
      rejected.push({ clickId: v.clickId, reason: 'the click happened after the conversion' })
    } else accepted++
  }
  return { verified, accepted, rejected }
}

/**
 * A conversion whose touches were all refused. A client-side one is never recorded (anyone can
 * send the pixel: without an accepted click id or coupon it proves nothing). An authenticated one
 * with click ids none of which was accepted is kept unattributed, or refused when the program
 * says so (programs.rejected_clicks = 'refuse'). Nothing is written.
 */
export function refuseUnacceptedTouches(
  program: ConversionProgram,
  request: { source: string; clickIds: readonly string[] },
  check: ClickCheck,
  couponAccepted: boolean,
): void {
  if (check.accepted > 0 || couponAccepted) return
  const why = check.rejected.map((r) => `${r.clickId.slice(0, 12)}…: ${r.reason}`).join('; ')
  const details = { rejected_clicks: check.rejected.map((r) => ({ click_id: r.clickId, reason: r.reason })) }
  if (request.source === 'snippet') {
    throw new InvalidInputError(
      `A client-side conversion needs a click id or coupon that is accepted${why ? ` (${why})` : ''}: nothing was recorded`,
      details,
      'click_not_accepted',
    )
  }
  if (request.clickIds.length > 0 && program.rejected_clicks === 'refuse') {
    throw new InvalidInputError(
      `No click id of this conversion was accepted (${why}) and program ${program.slug} refuses such conversions: nothing was recorded`,
      details,
      'click_not_accepted',
    )
  }
}

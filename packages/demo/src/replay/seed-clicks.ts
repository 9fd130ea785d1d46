import { createHash } from 'node:crypto'
import { type ClickRow, insertClickRows, type Stores } from '@tandem/db'
import type { ClickIdVerdict, ClickVerifier } from '@tandem/services'
import type { CreatedIds } from './ids.ts'

const CHUNK = 50_000

/**
 * The seed's clicks are its own: it generated them, so it vouches for their ids the way the
 * tracker's signature does for live clicks (when, which link, whether core scored it a bot).
 * An id it did not generate fails like a forged one.
 */
export class SeedClickVerifier implements ClickVerifier {
  private readonly byId = new Map<string, ClickRow>()

  constructor(
    clicks: readonly ClickRow[],
    private readonly ids: CreatedIds,
  ) {
    for (const c of clicks) this.byId.set(c.click_id, c)
  }

  verify(clickId: string): ClickIdVerdict {
    const click = this.byId.get(clickId)
    if (!click) return { ok: false, message: 'not a click of the demo seed' }
    return {
      ok: true,
      clickId,
      issuedAt: new Date(click.ts),
      linkId: this.ids.link(click.link_id),
      bot: click.is_bot === 1,
    }
  }
}

/**
 * Writes the clicks with the stores' ids in place of the scenario's keys, in blocks of 50k. A
 * block's content is fixed by the seed key (the story) and the ids the stores gave its programs,
 * partners and links, so its deduplication token names those: an interrupted seed sent again is
 * dropped by ClickHouse, and another seed's blocks (other ids) never are.
 */
export async function writeClicks(
  ch: Stores['ch'],
  clicks: readonly ClickRow[],
  ids: CreatedIds,
  seedKey: string,
  log: (line: string) => void,
): Promise<void> {
  const storeIds = createHash('sha256')
    .update(JSON.stringify([[...ids.programs].map(([k, p]) => [k, p.id]), [...ids.partners], [...ids.links]]))
    .digest('hex')
  for (let i = 0; i < clicks.length; i += CHUNK) {
    const block = clicks.slice(i, i + CHUNK).map(
      (c): ClickRow => ({
        ...c,
        program_id: ids.program(c.program_id as 'affiliate' | 'referral').id,
        partner_id: ids.partner(c.partner_id),
        link_id: ids.link(c.link_id),
      }),
    )
    await insertClickRows(ch, block, `tandem-seed:${seedKey}:${storeIds}:clicks:${i / CHUNK}`)
    log(`clickhouse clicks ${Math.min(i + CHUNK, clicks.length)}/${clicks.length}`)
  }
}

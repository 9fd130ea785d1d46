import { linkRowFields } from '../events/click-row-writer.ts'
import type { Landing } from './landing.ts'

/** What every click on a link shares, prepared once when the link is loaded, not per click. */
export interface ClickTemplate {
  /** The link's part of each click row (program, partner, link id), already encoded. */
  rowFields: Uint8Array
  /**
   * The Location of a click that carries no parameters is locationStart + click id + locationEnd
   * (what landingUrl builds); null when the destination already has the click parameter, which
   * landingUrl replaces instead.
   */
  locationStart: string | null
  locationEnd: string
}

export function clickTemplate(
  link: { id: number; programId: string; partnerId: string },
  landing: Landing | null,
  clickParam: string,
): ClickTemplate {
  const plain = landing !== null && !landing.existing.has(clickParam)
  return {
    rowFields: linkRowFields(link),
    locationStart: plain
      ? `${landing.base}${landing.hasQuery ? '&' : '?'}${encodeURIComponent(clickParam)}=`
      : null,
    locationEnd: landing?.fragment ?? '',
  }
}

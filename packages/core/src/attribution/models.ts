import { allocateMinor } from '../money/allocate.ts'
import { PPM } from '../shared/ppm.ts'
import { DAY_MS } from '../shared/time.ts'
import type { AttributionModel, ClickTouch } from './types.ts'

/**
 * Weights in parts per million for clicks sorted oldest first. The result always sums to
 * exactly 1,000,000 (largest remainder), one entry per click.
 */
export function clickWeights(
  clicks: readonly ClickTouch[],
  model: AttributionModel,
  halfLifeDays: number,
): number[] {
  const n = clicks.length
  if (n === 0) return []
  if (n === 1) return [PPM] // one click takes everything, whatever the model
  const weights = new Array<number>(n).fill(0)
  switch (model) {
    case 'last_click':
      weights[n - 1] = PPM
      return weights
    case 'first_click':
      weights[0] = PPM
      return weights
    case 'linear':
      return allocateMinor(PPM, weights.fill(1))
    case 'position_based':
      return positionBased(n)
    case 'time_decay':
      return timeDecay(clicks, halfLifeDays)
  }
}

/** 40% first, 40% last, 20% shared by the clicks in between; 50/50 for two clicks. */
function positionBased(n: number): number[] {
  if (n === 1) return [PPM]
  if (n === 2) return allocateMinor(PPM, [1, 1])
  const weights = allocateMinor(200_000, new Array<number>(n - 2).fill(1))
  weights.unshift(400_000)
  weights.push(400_000)
  return weights
}

/**
 * Each click weighs 2^(−age / halfLife). The float weights are turned into integers relative
 * to the newest click (scaled by 2^40) before the exact largest-remainder split, so the
 * result is deterministic and sums exactly.
 */
function timeDecay(clicks: readonly ClickTouch[], halfLifeDays: number): number[] {
  const halfLifeMs = halfLifeDays * DAY_MS
  const newest = clicks[clicks.length - 1]!.at.getTime()
  const scale = 2 ** 40
  const relative = clicks.map((click) =>
    Math.round(scale * 2 ** (-(newest - click.at.getTime()) / halfLifeMs)),
  )
  // Ages are measured from the newest click: `now` would scale every weight alike.
  return allocateMinor(PPM, relative)
}

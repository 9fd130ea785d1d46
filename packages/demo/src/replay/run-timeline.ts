import type { Step, Timeline } from './timeline.ts'

/**
 * Runs the calendar's steps up to `endMs` (later ones are dropped). With `parallel` above 1, the
 * earliest step is joined by the steps right after it whose footprints are disjoint from the
 * batch's, and the batch runs at once: independent commands overlap their round trips to the
 * database, and no step can change another's outcome. A step without a footprint runs alone.
 */
export async function runTimeline(
  timeline: Timeline,
  endMs: number,
  parallel: number,
  before: (step: Step) => void = () => {},
): Promise<void> {
  for (let step = timeline.next(); step; step = timeline.next()) {
    if (step.at > endMs) continue
    const batch = [step]
    const taken = new Set(step.footprint ?? [])
    for (
      let next = timeline.peek();
      step.footprint && next && batch.length < parallel;
      next = timeline.peek()
    ) {
      if (next.at > endMs || !next.footprint || next.footprint.some((k) => taken.has(k))) break
      timeline.next()
      batch.push(next)
      for (const k of next.footprint) taken.add(k)
    }
    for (const s of batch) before(s)
    // Every step of the batch finishes (or fails) before the first failure is reported.
    const results = await Promise.allSettled(batch.map((s) => s.run()))
    const failed = results.find((r) => r.status === 'rejected')
    if (failed) throw failed.reason
  }
}

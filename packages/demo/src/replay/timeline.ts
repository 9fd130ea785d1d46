/** What kind of step runs first when two happen at the same millisecond. */
export const RANK = { setup: 0, record: 1, change: 2, approve: 3, settle: 4, payout: 5 } as const

export interface Step {
  readonly at: number
  readonly rank: number
  /**
   * What the step reads and changes (partners, a customer, an order). Steps whose footprints are
   * disjoint cannot change each other's outcome, so they may run at the same time; a step without
   * one (setup, the payout run) runs alone.
   */
  readonly footprint?: readonly string[]
  run(): Promise<void>
}

interface Entry extends Step {
  readonly seq: number
}

/**
 * The seed's calendar: steps run in time order (then by rank, then in the order they were
 * added), and a step may add later ones (a recorded conversion schedules its refund and the end
 * of its hold). A binary heap, so ~10k steps cost nothing next to the commands they run.
 */
export class Timeline {
  private readonly heap: Entry[] = []
  private seq = 0

  add(step: Step): void {
    this.heap.push({ ...step, seq: this.seq++ })
    let i = this.heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(this.heap[i]!, this.heap[parent]!)) break
      this.swap(i, parent)
      i = parent
    }
  }

  get size(): number {
    return this.heap.length
  }

  /** The earliest step, left in place. */
  peek(): Step | undefined {
    return this.heap[0]
  }

  /** The earliest step, removed; undefined when none is left. */
  next(): Step | undefined {
    const top = this.heap[0]
    const last = this.heap.pop()
    if (!top || !last || top === last) return top
    this.heap[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let min = i
      if (l < this.heap.length && before(this.heap[l]!, this.heap[min]!)) min = l
      if (r < this.heap.length && before(this.heap[r]!, this.heap[min]!)) min = r
      if (min === i) return top
      this.swap(i, min)
      i = min
    }
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a]!
    this.heap[a] = this.heap[b]!
    this.heap[b] = t
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at !== b.at ? a.at < b.at : a.rank !== b.rank ? a.rank < b.rank : a.seq < b.seq
}

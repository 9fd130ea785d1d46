import type { Stores } from '@tandem/db'
import type { ServiceActor, ServiceContext } from '@tandem/services'
import { CreatedIds } from './ids.ts'
import { Timeline } from './timeline.ts'

/** What every step of the replay shares: the stores, the calendar, the ids created so far, the clock. */
export class Replay {
  readonly timeline = new Timeline()
  readonly ids = new CreatedIds()
  /** The merchant's shop and the seed itself: no person behind it. */
  readonly system: ServiceActor = { type: 'system', id: 'demo-seed' }

  constructor(
    readonly db: Stores['db'],
    /** The end of the history: no step runs after it. */
    readonly nowMs: number,
    readonly log: (line: string) => void,
  ) {}

  /** A service context whose clock stands at `ms`: the commands see the simulated time as now. */
  at(ms: number, actor: ServiceActor): ServiceContext {
    return { db: this.db, actor, now: () => new Date(ms) }
  }
}

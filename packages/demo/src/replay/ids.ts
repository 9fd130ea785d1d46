import type { ConversionProgram } from '@tandem/db'
import type { GroupKey, ProgramKey } from '../scenario/programs.ts'

/** What the services created for each scenario key: the stores' ids, known once each step ran. */
export class CreatedIds {
  readonly programs = new Map<ProgramKey, ConversionProgram>()
  readonly groups = new Map<GroupKey, string>()
  readonly partners = new Map<string, string>()
  readonly links = new Map<number, number>()
  readonly coupons = new Map<string, string>()
  readonly users = new Map<'owner' | 'manager' | 'viewer', string>()

  program(key: ProgramKey): ConversionProgram {
    return must(this.programs.get(key), `program ${key}`)
  }

  partner(key: string): string {
    return must(this.partners.get(key), `partner ${key}`)
  }

  link(key: number): number {
    return must(this.links.get(key), `link ${key}`)
  }

  user(key: 'owner' | 'manager' | 'viewer'): string {
    return must(this.users.get(key), `user ${key}`)
  }
}

function must<T>(value: T | undefined, what: string): T {
  // A step ran before the one that creates what it needs: a bug in the seed's calendar.
  if (value === undefined) throw new Error(`demo seed: ${what} is not created yet`)
  return value
}

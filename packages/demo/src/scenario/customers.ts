import { hashEmail } from '@tandem/services'
import type { ProgramKey } from './programs.ts'
import type { Random } from './random.ts'

/** A shopper as the merchant knows them: their id in the shop and the hash of their email. */
export interface SeedCustomer {
  readonly programKey: ProgramKey
  readonly externalId: string
  readonly emailHash: string
  readonly firstSeenAt: number
}

/** The shop's customers per program, created as their first order or referral happens. */
export class CustomerBook {
  readonly all: SeedCustomer[] = []
  private readonly byProgram = new Map<ProgramKey, SeedCustomer[]>()
  private seq = 0

  constructor(private readonly rng: Random) {}

  add(c: { programKey: ProgramKey; emailHash?: string; firstSeenAt: number }): SeedCustomer {
    this.seq += 1
    const customer: SeedCustomer = {
      programKey: c.programKey,
      externalId: `cus_${String(this.seq).padStart(6, '0')}`,
      emailHash: c.emailHash ?? hashEmail(`shopper${this.seq}@mail.example`),
      firstSeenAt: c.firstSeenAt,
    }
    this.all.push(customer)
    const list = this.byProgram.get(c.programKey) ?? []
    list.push(customer)
    this.byProgram.set(c.programKey, list)
    return customer
  }

  /** A random existing customer of the program first seen before `before`, if any. */
  returning(programKey: ProgramKey, before: number): SeedCustomer | null {
    const list = this.byProgram.get(programKey) ?? []
    for (let attempt = 0; attempt < 5 && list.length > 0; attempt++) {
      const c = this.rng.pick(list)
      if (c.firstSeenAt < before) return c
    }
    return null
  }
}

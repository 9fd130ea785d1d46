import type { Insertable } from 'kysely'
import type { CustomersTable } from '../postgres/schema.ts'
import { emailHash } from './identity.ts'
import type { Random } from './random.ts'

export interface SeedCustomer {
  readonly id: string
  readonly programId: string
  readonly externalId: string
  readonly emailHash: string
  readonly country: string
  readonly firstSeenAt: number
  readonly referrerPartnerId: string | null
  readonly referredAt: number | null
}

/** The shop's customers per program, created as their first order or referral happens. */
export class CustomerBook {
  readonly all: SeedCustomer[] = []
  private readonly byProgram = new Map<string, SeedCustomer[]>()
  private seq = 0

  constructor(private readonly rng: Random) {}

  add(c: {
    programId: string
    email?: string
    emailHash?: string
    country: string
    firstSeenAt: number
    referrerPartnerId?: string | null
    referredAt?: number | null
  }): SeedCustomer {
    this.seq += 1
    const externalId = `cus_${String(this.seq).padStart(6, '0')}`
    const customer: SeedCustomer = {
      id: this.rng.uuid(),
      programId: c.programId,
      externalId,
      emailHash: c.emailHash ?? emailHash(c.email ?? `shopper${this.seq}@mail.example`),
      country: c.country,
      firstSeenAt: c.firstSeenAt,
      referrerPartnerId: c.referrerPartnerId ?? null,
      referredAt: c.referredAt ?? null,
    }
    this.all.push(customer)
    const list = this.byProgram.get(c.programId) ?? []
    list.push(customer)
    this.byProgram.set(c.programId, list)
    return customer
  }

  /** A random existing customer of the program first seen before `before`, if any. */
  returning(programId: string, before: number): SeedCustomer | null {
    const list = this.byProgram.get(programId) ?? []
    for (let attempt = 0; attempt < 5 && list.length > 0; attempt++) {
      const c = this.rng.pick(list)
      if (c.firstSeenAt < before) return c
    }
    return null
  }

  rows(): Insertable<CustomersTable>[] {
    return this.all.map((c) => ({
      id: c.id,
      program_id: c.programId,
      external_id: c.externalId,
      email_hash: c.emailHash,
      referrer_partner_id: c.referrerPartnerId,
      referred_at: c.referredAt === null ? null : new Date(c.referredAt),
      first_seen_at: new Date(c.firstSeenAt),
      country: c.country,
      created_at: new Date(c.firstSeenAt),
    }))
  }
}

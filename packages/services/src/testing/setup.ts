import { randomBytes } from 'node:crypto'
import type { Database } from '@tandem/db'
import type { Kysely } from 'kysely'
import type { Actor, ServiceContext } from '../context.ts'
import { createPartner } from '../partners/partners.ts'
import { createProgram } from '../programs/programs.ts'

/** A context with a clock the test moves by hand. */
export function testContext(db: Kysely<Database>, actor: Actor = { type: 'system', id: null }) {
  let now = new Date('2026-03-02T10:00:00Z')
  const ctx: ServiceContext & { setNow(d: Date | string): void; advance(ms: number): void } = {
    db,
    actor,
    now: () => new Date(now.getTime()),
    setNow: (d) => {
      now = new Date(d)
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms)
    },
  }
  return ctx
}

export const tag = () => randomBytes(4).toString('hex')

/** A program made through the service, the way an admin would. */
export async function newProgram(ctx: ServiceContext, overrides: Record<string, unknown> = {}) {
  const slug = `shop-${tag()}`
  return createProgram(ctx, {
    slug,
    kind: 'affiliate',
    currency: 'EUR',
    name: `Shop ${slug}`,
    allowedDomains: ['shop.example'],
    defaultLandingUrl: 'https://shop.example/',
    ...overrides,
  })
}

/** A partner approved in a program, made through the service. */
export async function newPartner(
  ctx: ServiceContext,
  programId: string,
  overrides: Record<string, unknown> = {},
) {
  return createPartner(ctx, {
    type: 'affiliate',
    name: 'Ada Partner',
    email: `ada-${tag()}@partners.example`,
    enrollments: [{ programId, status: 'approved' }],
    ...overrides,
  })
}

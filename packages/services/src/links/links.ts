import { randomBytes } from 'node:crypto'
import {
  insertAuditRow,
  insertCoupon,
  insertLink,
  linkPolicy,
  lockCoupon,
  lockLink,
  setCouponStatusRow,
  setLinkStatusRow,
} from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext, type Trx } from '../context.ts'
import {
  ConflictError,
  IllegalTransitionError,
  InvalidInputError,
  NotFoundError,
  parseInput,
} from '../errors.ts'
import { hostAllowed, httpUrl, plainText, uuid } from '../shared/fields.ts'

/** What a link's tracking URL may carry: the tracker's sub-ids and UTM fields. */
export const LINK_PARAM_KEYS = [
  'sub1',
  'sub2',
  'sub3',
  'sub4',
  'sub5',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
] as const

/** A link code: what follows /r/ in a tracking URL (the tracker's LINK_CODE). */
export const linkCode = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/,
    'must be 3-64 letters, digits, _ or -, starting with a letter or digit',
  )

const CODE_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

/** A random code of 8 characters without look-alikes (no l, o, 0, 1). */
export function randomLinkCode(): string {
  const bytes = randomBytes(8)
  let code = ''
  for (const b of bytes) code += CODE_ALPHABET[b % CODE_ALPHABET.length]
  return code
}

export const createLinkInput = z.strictObject({
  programId: uuid,
  partnerId: uuid,
  /** Where the link lands (default: the program's landing page); must be on an allowed domain. */
  destinationUrl: httpUrl.optional(),
  /** A custom alias; a random code when left out. */
  code: linkCode.optional(),
  name: plainText(120).optional(),
  /** Sub-ids and UTM fields its tracking URL carries (the tracker records them with each click). */
  params: z
    .strictObject(
      Object.fromEntries(LINK_PARAM_KEYS.map((k) => [k, plainText(255).optional()])) as Record<
        (typeof LINK_PARAM_KEYS)[number],
        z.ZodOptional<ReturnType<typeof plainText>>
      >,
    )
    .optional(),
})
export type CreateLinkInput = z.input<typeof createLinkInput>

/** A partner acting for themselves can only touch their own things. */
function checkOwner(ctx: ServiceContext, partnerId: string, what: string, id: string): void {
  if (ctx.actor.type === 'partner' && ctx.actor.id !== partnerId) throw new NotFoundError(what, id)
}

async function approvedPolicy(trx: Trx, programId: string, partnerId: string) {
  const policy = await linkPolicy(trx, programId, partnerId)
  if (!policy) throw new NotFoundError('program', programId)
  if (policy.status === 'archived') throw new IllegalTransitionError('The program is archived')
  if (policy.enrollment_status !== 'approved') {
    throw new IllegalTransitionError('The partner is not approved in this program')
  }
  return policy
}

/** Creates a tracking link for an approved partner, with an audit row. */
export async function createLink(
  ctx: ServiceContext,
  raw: CreateLinkInput,
): Promise<{ id: number; code: string; destinationUrl: string }> {
  const input = parseInput(createLinkInput, raw)
  checkOwner(ctx, input.partnerId, 'partner', input.partnerId)
  return ctx.db.transaction().execute(async (trx) => {
    const policy = await approvedPolicy(trx, input.programId, input.partnerId)
    const destinationUrl = input.destinationUrl ?? policy.default_landing_url
    const host = new URL(destinationUrl).hostname
    if (!hostAllowed(host, policy.allowed_domains, policy.deep_link_subdomains)) {
      throw new InvalidInputError(
        `destinationUrl: ${host} is not one of the program's domains (${policy.allowed_domains.join(', ')})`,
      )
    }
    const now = ctx.now()
    const params = Object.fromEntries(
      Object.entries(input.params ?? {}).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
      ),
    )
    let code = input.code ?? randomLinkCode()
    let created = await insertLink(trx, {
      ...input,
      code,
      name: input.name ?? null,
      destinationUrl,
      params,
      now,
    })
    // A random code that collides (one in 32^8) simply gets another; an alias is the partner's choice.
    for (let tries = 0; !created && !input.code && tries < 3; tries++) {
      code = randomLinkCode()
      created = await insertLink(trx, {
        ...input,
        code,
        name: input.name ?? null,
        destinationUrl,
        params,
        now,
      })
    }
    if (!created) throw new ConflictError(`The link code ${code} is taken: choose another`)
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'link.created',
      entityType: 'link',
      entityId: String(created.id),
      data: {
        program_id: input.programId,
        partner_id: input.partnerId,
        code,
        destination_url: destinationUrl,
        params,
      },
    })
    return { id: created.id, code, destinationUrl }
  })
}

/** Pauses or re-activates a link (a paused link answers 404 at the tracker). */
export async function setLinkStatus(
  ctx: ServiceContext,
  raw: { linkId: number; status: 'active' | 'paused' },
): Promise<{ changed: boolean }> {
  const input = parseInput(
    z.strictObject({ linkId: z.number().int().positive(), status: z.enum(['active', 'paused']) }),
    raw,
  )
  return ctx.db.transaction().execute(async (trx) => {
    const link = await lockLink(trx, input.linkId)
    if (!link) throw new NotFoundError('link', String(input.linkId))
    checkOwner(ctx, link.partner_id, 'link', String(input.linkId))
    if (link.status === input.status) return { changed: false }
    await setLinkStatusRow(trx, link.id, input.status)
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: `link.${input.status === 'active' ? 'activated' : 'paused'}`,
      entityType: 'link',
      entityId: String(link.id),
      data: { code: link.code },
    })
    return { changed: true }
  })
}

export const createCouponInput = z.strictObject({
  programId: uuid,
  partnerId: uuid,
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, 'must be 2-64 letters, digits, _ or -'),
  /** What the shopper gets, shown to the partner: a percentage (basis points) or a fixed amount. */
  discount: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('percent'), bps: z.number().int().min(1).max(10_000) }),
      z.strictObject({ kind: z.literal('fixed'), amountMinor: z.number().int().min(1) }),
    ])
    .nullable()
    .default(null),
})

/** Creates a coupon code that attributes orders to a partner; codes are unique per program, any case. */
export async function createCoupon(
  ctx: ServiceContext,
  raw: z.input<typeof createCouponInput>,
): Promise<{ id: string; code: string }> {
  const input = parseInput(createCouponInput, raw)
  checkOwner(ctx, input.partnerId, 'partner', input.partnerId)
  return ctx.db.transaction().execute(async (trx) => {
    await approvedPolicy(trx, input.programId, input.partnerId)
    const created = await insertCoupon(trx, { ...input, now: ctx.now() })
    if (!created) throw new ConflictError(`The coupon code ${input.code} is taken in this program`)
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'coupon.created',
      entityType: 'coupon',
      entityId: created.id,
      data: { program_id: input.programId, partner_id: input.partnerId, code: input.code },
    })
    return { id: created.id, code: input.code }
  })
}

export async function setCouponStatus(
  ctx: ServiceContext,
  raw: { couponId: string; status: 'active' | 'paused' },
): Promise<{ changed: boolean }> {
  const input = parseInput(z.strictObject({ couponId: uuid, status: z.enum(['active', 'paused']) }), raw)
  return ctx.db.transaction().execute(async (trx) => {
    const coupon = await lockCoupon(trx, input.couponId)
    if (!coupon) throw new NotFoundError('coupon', input.couponId)
    checkOwner(ctx, coupon.partner_id, 'coupon', input.couponId)
    if (coupon.status === input.status) return { changed: false }
    await setCouponStatusRow(trx, coupon.id, input.status)
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: `coupon.${input.status === 'active' ? 'activated' : 'paused'}`,
      entityType: 'coupon',
      entityId: coupon.id,
      data: { code: coupon.code },
    })
    return { changed: true }
  })
}

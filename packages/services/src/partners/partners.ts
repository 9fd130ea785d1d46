import { createHash } from 'node:crypto'
import {
  findPartnerGroup,
  findProgramName,
  insertAuditRow,
  insertEnrollment,
  insertPartner,
  insertPartnerGroup,
  lockEnrollment,
  lockPartner,
  updateEnrollment,
  updatePartnerRow,
} from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext, type Trx } from '../context.ts'
import { ConflictError, InvalidInputError, NotFoundError, parseInput } from '../errors.ts'
import { email, plainText, requiredText, uuid } from '../shared/fields.ts'
import { notifyApproved, notifyRejected } from './applications.ts'

/** sha256 of the trimmed, lower-cased email: what self-referral checks compare. */
export function hashEmail(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex')
}

const enrollmentInput = z.strictObject({
  programId: uuid,
  status: z.enum(['pending', 'approved']).default('approved'),
  groupId: uuid.nullable().default(null),
})

export const createPartnerInput = z.strictObject({
  type: z.enum(['affiliate', 'ambassador']),
  name: requiredText(120),
  email,
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a 2-letter country code')
    .transform((c) => c.toUpperCase())
    .nullable()
    .default(null),
  parentPartnerId: uuid.nullable().default(null),
  enrollments: z.array(enrollmentInput).max(50).default([]),
})
export type CreatePartnerInput = z.input<typeof createPartnerInput>

/** Creates a partner and enrolls them in programs, with an audit row each, in one transaction. */
export async function createPartner(ctx: ServiceContext, raw: CreatePartnerInput): Promise<{ id: string }> {
  const input = parseInput(createPartnerInput, raw)
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now()
    if (input.parentPartnerId && !(await lockPartner(trx, input.parentPartnerId))) {
      throw new NotFoundError('partner', input.parentPartnerId)
    }
    const created = await insertPartner(trx, {
      type: input.type,
      name: input.name,
      email: input.email,
      email_hash: hashEmail(input.email),
      country: input.country,
      parent_partner_id: input.parentPartnerId,
      payout_method: null,
      payout_details: null,
      payout_currency: null,
      created_at: now,
    })
    if (!created) throw new ConflictError(`A partner with the email ${input.email} exists already`)
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'partner.created',
      entityType: 'partner',
      entityId: created.id,
      data: { type: input.type, parent_partner_id: input.parentPartnerId },
    })
    for (const e of input.enrollments) await enroll(ctx, trx, created.id, e)
    return created
  })
}

async function enroll(
  ctx: ServiceContext,
  trx: Trx,
  partnerId: string,
  e: z.output<typeof enrollmentInput>,
): Promise<boolean> {
  const now = ctx.now()
  if (e.groupId) await groupOf(trx, e.groupId, e.programId)
  const inserted = await insertEnrollment(trx, {
    programId: e.programId,
    partnerId,
    status: e.status,
    groupId: e.groupId,
    decidedAt: e.status === 'pending' ? null : now,
    now,
  })
  if (inserted) {
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: e.status === 'pending' ? 'enrollment.applied' : 'enrollment.created',
      entityType: 'program_enrollment',
      entityId: `${e.programId}:${partnerId}`,
      data: { program_id: e.programId, partner_id: partnerId, status: e.status, group_id: e.groupId },
    })
  }
  return inserted
}

/** Enrolls an existing partner in a program (a partner applying: status pending). Idempotent. */
export async function enrollPartner(
  ctx: ServiceContext,
  raw: { partnerId: string } & z.input<typeof enrollmentInput>,
): Promise<{ created: boolean }> {
  const input = parseInput(enrollmentInput.extend({ partnerId: uuid }), raw)
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await lockPartner(trx, input.partnerId))) throw new NotFoundError('partner', input.partnerId)
    return { created: await enroll(ctx, trx, input.partnerId, input) }
  })
}

export const setEnrollmentStatusInput = z.strictObject({
  programId: uuid,
  partnerId: uuid,
  status: z.enum(['pending', 'approved', 'rejected', 'suspended']),
  reason: plainText(500).optional(),
})

/**
 * Approves, rejects, suspends or reinstates a partner's enrollment, with the reason in the audit
 * row. Setting the status it already has changes nothing (no second audit row).
 */
export async function setEnrollmentStatus(
  ctx: ServiceContext,
  raw: z.input<typeof setEnrollmentStatusInput>,
): Promise<{ status: string; changed: boolean }> {
  const input = parseInput(setEnrollmentStatusInput, raw)
  return ctx.db.transaction().execute(async (trx) => {
    const current = await lockEnrollment(trx, input.programId, input.partnerId)
    if (!current) throw new NotFoundError('enrollment', `${input.programId}:${input.partnerId}`)
    if (current.status === input.status) return { status: input.status, changed: false }
    await updateEnrollment(trx, input.programId, input.partnerId, {
      status: input.status,
      decided_at: ctx.now(),
    })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'enrollment.set_status',
      entityType: 'program_enrollment',
      entityId: `${input.programId}:${input.partnerId}`,
      data: {
        program_id: input.programId,
        partner_id: input.partnerId,
        from: current.status,
        to: input.status,
        reason: input.reason ?? null,
      },
    })
    // A decided application tells the applicant (an approval brings the invitation to set a password).
    if (current.status === 'pending' && (input.status === 'approved' || input.status === 'rejected')) {
      const partner = await lockPartner(trx, input.partnerId)
      const programName = await findProgramName(trx, input.programId)
      if (partner && programName) {
        const program = { id: input.programId, name: programName }
        if (input.status === 'approved') await notifyApproved(ctx, trx, partner, program)
        else await notifyRejected(ctx, trx, partner, program, input.reason ?? null)
      }
    }
    return { status: input.status, changed: true }
  })
}

/** Suspends, reinstates or deactivates a partner everywhere (their links and earnings stop). */
export async function setPartnerStatus(
  ctx: ServiceContext,
  raw: { partnerId: string; status: 'active' | 'suspended' | 'deactivated'; reason?: string },
): Promise<{ changed: boolean }> {
  const input = parseInput(
    z.strictObject({
      partnerId: uuid,
      status: z.enum(['active', 'suspended', 'deactivated']),
      reason: plainText(500).optional(),
    }),
    raw,
  )
  return ctx.db.transaction().execute(async (trx) => {
    const partner = await lockPartner(trx, input.partnerId)
    if (!partner) throw new NotFoundError('partner', input.partnerId)
    if (partner.status === input.status) return { changed: false }
    await updatePartnerRow(trx, partner.id, { status: input.status })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'partner.set_status',
      entityType: 'partner',
      entityId: partner.id,
      data: { from: partner.status, to: input.status, reason: input.reason ?? null },
    })
    return { changed: true }
  })
}

/** Holds (with a reason) or releases a partner's payouts; core's payout plan honours it. */
export async function setPayoutHold(
  ctx: ServiceContext,
  raw: { partnerId: string; reason: string | null },
): Promise<void> {
  const input = parseInput(z.strictObject({ partnerId: uuid, reason: requiredText(500).nullable() }), raw)
  await ctx.db.transaction().execute(async (trx) => {
    const partner = await lockPartner(trx, input.partnerId)
    if (!partner) throw new NotFoundError('partner', input.partnerId)
    if (partner.payout_hold_reason === input.reason) return
    await updatePartnerRow(trx, partner.id, { payout_hold_reason: input.reason })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: input.reason ? 'partner.payouts_held' : 'partner.payouts_released',
      entityType: 'partner',
      entityId: partner.id,
      data: { reason: input.reason },
    })
  })
}

export const createGroupInput = z.strictObject({
  programId: uuid,
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'must be lower-case letters, digits or dashes'),
  name: requiredText(120),
})

export async function createPartnerGroup(
  ctx: ServiceContext,
  raw: z.input<typeof createGroupInput>,
): Promise<{ id: string }> {
  const input = parseInput(createGroupInput, raw)
  return ctx.db.transaction().execute(async (trx) => {
    const created = await insertPartnerGroup(trx, input)
    if (!created) throw new ConflictError(`The program has a group ${input.slug} already`)
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'group.created',
      entityType: 'partner_group',
      entityId: created.id,
      data: { program_id: input.programId, slug: input.slug },
    })
    return created
  })
}

/** Puts an enrolled partner in a group of that program (or none). */
export async function assignPartnerGroup(
  ctx: ServiceContext,
  raw: { programId: string; partnerId: string; groupId: string | null },
): Promise<void> {
  const input = parseInput(
    z.strictObject({ programId: uuid, partnerId: uuid, groupId: uuid.nullable() }),
    raw,
  )
  await ctx.db.transaction().execute(async (trx) => {
    const current = await lockEnrollment(trx, input.programId, input.partnerId)
    if (!current) throw new NotFoundError('enrollment', `${input.programId}:${input.partnerId}`)
    if (input.groupId) await groupOf(trx, input.groupId, input.programId)
    if (current.group_id === input.groupId) return
    await updateEnrollment(trx, input.programId, input.partnerId, { group_id: input.groupId })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'enrollment.group_changed',
      entityType: 'program_enrollment',
      entityId: `${input.programId}:${input.partnerId}`,
      data: { from: current.group_id, to: input.groupId },
    })
  })
}

async function groupOf(trx: Trx, groupId: string, programId: string): Promise<void> {
  const group = await findPartnerGroup(trx, groupId)
  if (!group) throw new NotFoundError('group', groupId)
  if (group.program_id !== programId) throw new InvalidInputError('The group belongs to another program')
}

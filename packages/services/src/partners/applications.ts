import {
  findJoinProgram,
  findPartnerByEmail,
  insertAuditRow,
  insertEnrollment,
  insertPartner,
  lockPartner,
  partnerHasUser,
  setEnrollmentApplication,
} from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext, type Trx } from '../context.ts'
import { IllegalTransitionError, NotFoundError, parseInput } from '../errors.ts'
import { queueMail } from '../mail/queue.ts'
import { email, httpUrl, plainText, requiredText, uuid } from '../shared/fields.ts'
import { invitePartnerInTransaction } from '../users/users.ts'
import { hashEmail } from './partners.ts'

const applicationFields = {
  /** Where the applicant promotes: a website, a channel, a profile. */
  website: httpUrl.optional(),
  /** How they will promote the program, in their words. */
  promotion: plainText(2000).optional(),
}

export const applyToProgramInput = z.strictObject({
  programSlug: z.string().min(1).max(100),
  name: requiredText(120),
  email,
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be a 2-letter country code')
    .transform((c) => c.toUpperCase())
    .optional(),
  ...applicationFields,
  acceptTerms: z.literal(true, { error: "must be accepted: tick the box to accept the program's terms" }),
})

export type ApplicationOutcome = { status: 'received' | 'approved' }

/**
 * A public application from a program's join page: a new partner (an ambassador in a referral
 * program, else an affiliate) enrolled as pending — or approved at once when the program says so,
 * with an invitation to set a password — and an email saying which. An address that has a partner
 * account already gets an email asking them to log in and join from the portal; the answer is the
 * same either way, so the page tells nobody who has an account.
 */
export async function applyToProgram(
  ctx: ServiceContext,
  raw: z.input<typeof applyToProgramInput>,
): Promise<ApplicationOutcome> {
  const input = parseInput(applyToProgramInput, raw)
  const now = ctx.now()
  const program = await findJoinProgram(ctx.db, { slug: input.programSlug }, now)
  if (program?.status !== 'active') throw new NotFoundError('program', input.programSlug)
  if (program.applications === 'closed') {
    throw new IllegalTransitionError('This program does not take applications at the moment')
  }
  const application = {
    website: input.website ?? null,
    promotion: input.promotion ?? null,
    at: now.toISOString(),
  }
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findPartnerByEmail(trx, input.email)
    if (existing) {
      await queueMail(trx, now, {
        template: 'account_exists',
        to: existing.email,
        toName: existing.name,
        subject: `Your application to ${program.name}`,
        params: { programName: program.name },
        path: `/programs`,
        partnerId: existing.id,
        programId: program.id,
      })
      return { status: 'received' as const }
    }
    const created = await insertPartner(trx, {
      type: program.kind === 'referral' ? 'ambassador' : 'affiliate',
      name: input.name,
      email: input.email,
      email_hash: hashEmail(input.email),
      country: input.country ?? null,
      parent_partner_id: null,
      payout_method: null,
      payout_details: null,
      payout_currency: null,
      created_at: now,
    })
    if (!created) return { status: 'received' as const }
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'partner.applied',
      entityType: 'partner',
      entityId: created.id,
      data: { program_id: program.id, via: 'join_page' },
    })
    const partner = { id: created.id, email: input.email, name: input.name }
    const { status } = await enrollApplicant(ctx, trx, partner, program, application)
    return { status }
  })
}

export const applyAsPartnerInput = z.strictObject({ partnerId: uuid, programId: uuid, ...applicationFields })

/** A logged-in partner joins another program: pending (or approved at once when the program says so). */
export async function applyAsPartner(
  ctx: ServiceContext,
  raw: z.input<typeof applyAsPartnerInput>,
): Promise<ApplicationOutcome & { created: boolean }> {
  const input = parseInput(applyAsPartnerInput, raw)
  if (ctx.actor.type === 'partner' && ctx.actor.id !== input.partnerId) {
    throw new NotFoundError('partner', input.partnerId)
  }
  const now = ctx.now()
  const program = await findJoinProgram(ctx.db, { id: input.programId }, now)
  if (program?.status !== 'active') throw new NotFoundError('program', input.programId)
  if (program.applications === 'closed') {
    throw new IllegalTransitionError('This program does not take applications at the moment')
  }
  return ctx.db.transaction().execute(async (trx) => {
    const partner = await lockPartner(trx, input.partnerId)
    if (!partner) throw new NotFoundError('partner', input.partnerId)
    const outcome = await enrollApplicant(ctx, trx, partner, program, {
      website: input.website ?? null,
      promotion: input.promotion ?? null,
      at: now.toISOString(),
    })
    return outcome
  })
}

async function enrollApplicant(
  ctx: ServiceContext,
  trx: Trx,
  partner: { id: string; email: string; name: string },
  program: { id: string; name: string; applications: 'review' | 'auto' | 'closed' },
  application: Record<string, unknown>,
): Promise<ApplicationOutcome & { created: boolean }> {
  const now = ctx.now()
  const status = program.applications === 'auto' ? 'approved' : 'pending'
  const created = await insertEnrollment(trx, {
    programId: program.id,
    partnerId: partner.id,
    status,
    groupId: null,
    decidedAt: status === 'approved' ? now : null,
    now,
  })
  if (!created) return { status: 'received', created: false }
  await setEnrollmentApplication(trx, program.id, partner.id, application)
  await insertAuditRow(trx, {
    ...auditActor(ctx.actor),
    action: status === 'pending' ? 'enrollment.applied' : 'enrollment.created',
    entityType: 'program_enrollment',
    entityId: `${program.id}:${partner.id}`,
    data: { program_id: program.id, partner_id: partner.id, status, group_id: null },
  })
  if (status === 'approved') await notifyApproved(ctx, trx, partner, program)
  else {
    await queueMail(trx, now, {
      template: 'application_received',
      to: partner.email,
      toName: partner.name,
      subject: `We received your application to ${program.name}`,
      params: { programName: program.name },
      partnerId: partner.id,
      programId: program.id,
    })
  }
  return { status: status === 'approved' ? 'approved' : 'received', created: true }
}

/**
 * The approval email: with an invitation to set a password when the partner has no login yet,
 * else a link to the portal.
 */
export async function notifyApproved(
  ctx: ServiceContext,
  trx: Trx,
  partner: { id: string; email: string; name: string },
  program: { id: string; name: string },
): Promise<void> {
  const mail = {
    template: 'application_approved' as const,
    subject: `Welcome to ${program.name}`,
    params: { programName: program.name, hasAccount: false },
    programId: program.id,
  }
  if (await partnerHasUser(trx, partner.id)) {
    await queueMail(trx, ctx.now(), {
      ...mail,
      params: { ...mail.params, hasAccount: true },
      to: partner.email,
      toName: partner.name,
      path: '/',
      partnerId: partner.id,
    })
    return
  }
  await invitePartnerInTransaction(ctx, trx, partner, mail)
}

/** The rejection email, with the manager's reason when they gave one. */
export async function notifyRejected(
  ctx: ServiceContext,
  trx: Trx,
  partner: { id: string; email: string; name: string },
  program: { id: string; name: string },
  reason: string | null,
): Promise<void> {
  await queueMail(trx, ctx.now(), {
    template: 'application_rejected',
    to: partner.email,
    toName: partner.name,
    subject: `Your application to ${program.name}`,
    params: { programName: program.name, reason },
    partnerId: partner.id,
    programId: program.id,
  })
}

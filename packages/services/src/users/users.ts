import { createHash, randomBytes } from 'node:crypto'
import {
  findUserIdByEmail,
  hashPassword,
  insertAuditRow,
  insertInvitation,
  insertUser,
  lockActiveOwnerIds,
  lockInvitationByTokenHash,
  lockPartner,
  lockUser,
  markInvitationAccepted,
  updateUserRow,
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
import { queueMail } from '../mail/queue.ts'
import type { EmailTemplate } from '../mail/templates.ts'
import { email, isWellFormed, requiredText, uuid } from '../shared/fields.ts'

const INVITATION_DAYS = 7
const role = z.enum(['owner', 'manager', 'viewer'])

/** A password a person chooses: long enough to resist guessing, short enough to hash quickly. */
export const newPassword = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters')
  .refine(isWellFormed, 'must be valid Unicode')

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export interface Invitation {
  id: string
  /** Goes into the link the person receives; only its hash is stored. */
  token: string
  expiresAt: Date
}

export const inviteAdminInput = z.strictObject({ email, name: requiredText(120), role })

/** Invites a team member to the admin portal with a role. */
export async function inviteAdmin(
  ctx: ServiceContext,
  raw: z.input<typeof inviteAdminInput>,
): Promise<Invitation> {
  const input = parseInput(inviteAdminInput, raw)
  return invite(ctx, {
    kind: 'admin',
    email: input.email,
    name: input.name,
    adminRole: input.role,
    partnerId: null,
  })
}

/** Invites a partner to the partner portal: they set their password from the link. */
export async function invitePartnerUser(
  ctx: ServiceContext,
  raw: { partnerId: string },
): Promise<Invitation & { email: string }> {
  const input = parseInput(z.strictObject({ partnerId: uuid }), raw)
  const partner = await lockPartner(ctx.db, input.partnerId)
  if (!partner) throw new NotFoundError('partner', input.partnerId)
  const invitation = await invite(ctx, {
    kind: 'partner',
    email: partner.email,
    name: partner.name,
    adminRole: null,
    partnerId: partner.id,
  })
  return { ...invitation, email: partner.email }
}

async function invite(
  ctx: ServiceContext,
  i: {
    kind: 'admin' | 'partner'
    email: string
    name: string
    adminRole: 'owner' | 'manager' | 'viewer' | null
    partnerId: string | null
    /** The invitation email's template and words, when not the plain invitation. */
    mail?: { template: EmailTemplate; subject: string; params: Record<string, unknown>; programId?: string }
  },
  trx?: Trx,
): Promise<Invitation> {
  if (await findUserIdByEmail(trx ?? ctx.db, i.email))
    throw new ConflictError(`${i.email} has an account already`)
  const token = randomBytes(32).toString('base64url')
  const now = ctx.now()
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000)
  const write = async (trx: Trx) => {
    const created = await insertInvitation(trx, {
      ...i,
      tokenHash: hashInvitationToken(token),
      invitedBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      now,
      expiresAt,
    })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: created.id,
      data: { kind: i.kind, role: i.adminRole, partner_id: i.partnerId },
    })
    await queueMail(trx, now, {
      template: i.kind === 'partner' ? 'partner_invitation' : 'admin_invitation',
      to: i.email,
      toName: i.name,
      subject: i.kind === 'partner' ? 'Your partner portal invitation' : 'Your Tandem admin invitation',
      portal: i.kind,
      secretPath: `/invite/${token}`,
      partnerId: i.partnerId,
      ...(i.mail ?? {}),
    })
    return { id: created.id, token, expiresAt }
  }
  return trx ? write(trx) : ctx.db.transaction().execute(write)
}

/**
 * Invites a partner inside the caller's transaction (an approved application), with the email
 * the caller chooses. Null when the partner has an account already.
 */
export async function invitePartnerInTransaction(
  ctx: ServiceContext,
  trx: Trx,
  partner: { id: string; email: string; name: string },
  mail: NonNullable<Parameters<typeof invite>[1]['mail']>,
): Promise<Invitation | null> {
  if (await findUserIdByEmail(trx, partner.email)) return null
  return invite(
    ctx,
    {
      kind: 'partner',
      email: partner.email,
      name: partner.name,
      adminRole: null,
      partnerId: partner.id,
      mail,
    },
    trx,
  )
}

/** Sets the password from an invitation link and creates the account; a link works once, until it expires. */
export async function acceptInvitation(
  ctx: ServiceContext,
  raw: { token: string; password: string },
): Promise<{ userId: string; kind: 'admin' | 'partner' }> {
  const input = parseInput(z.strictObject({ token: z.string().min(20).max(100), password: newPassword }), raw)
  const passwordHash = await hashPassword(input.password)
  return ctx.db.transaction().execute(async (trx) => {
    const invitation = await lockInvitationByTokenHash(trx, hashInvitationToken(input.token))
    const now = ctx.now()
    if (!invitation || invitation.accepted_at !== null || invitation.expires_at <= now) {
      throw new InvalidInputError('This invitation link is not valid any more: ask for a new one')
    }
    const user = await insertUser(trx, {
      email: invitation.email,
      name: invitation.name,
      passwordHash,
      kind: invitation.kind,
      adminRole: invitation.admin_role,
      partnerId: invitation.partner_id,
      now,
    })
    if (!user) throw new ConflictError(`${invitation.email} has an account already`)
    await markInvitationAccepted(trx, invitation.id, now)
    await insertAuditRow(trx, {
      actorType: invitation.kind === 'partner' ? 'partner' : 'user',
      actorId: invitation.kind === 'partner' ? invitation.partner_id : user.id,
      action: 'invitation.accepted',
      entityType: 'user',
      entityId: user.id,
      data: { invitation_id: invitation.id, kind: invitation.kind },
    })
    return { userId: user.id, kind: invitation.kind }
  })
}

/** Changes a team member's role; the last owner keeps theirs. */
export async function setAdminRole(
  ctx: ServiceContext,
  raw: { userId: string; role: 'owner' | 'manager' | 'viewer' },
) {
  const input = parseInput(z.strictObject({ userId: uuid, role }), raw)
  await ctx.db.transaction().execute(async (trx) => {
    const owners = await lockActiveOwnerIds(trx)
    const user = await lockUser(trx, input.userId)
    if (user?.kind !== 'admin') throw new NotFoundError('team member', input.userId)
    if (user.admin_role === input.role) return
    if (user.admin_role === 'owner' && owners.length === 1 && owners[0] === user.id) {
      throw new IllegalTransitionError(
        'The last owner cannot give up the role: make someone else owner first',
      )
    }
    await updateUserRow(trx, user.id, { admin_role: input.role })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'user.role_changed',
      entityType: 'user',
      entityId: user.id,
      data: { from: user.admin_role, to: input.role },
    })
  })
}

/** Removes a team member's access (their sessions stop at the next request); the last owner stays. */
export async function disableUser(ctx: ServiceContext, raw: { userId: string }) {
  const input = parseInput(z.strictObject({ userId: uuid }), raw)
  await ctx.db.transaction().execute(async (trx) => {
    const owners = await lockActiveOwnerIds(trx)
    const user = await lockUser(trx, input.userId)
    if (!user) throw new NotFoundError('user', input.userId)
    if (user.disabled_at !== null) return
    if (owners.length === 1 && owners[0] === user.id) {
      throw new IllegalTransitionError('The last owner cannot be removed')
    }
    await updateUserRow(trx, user.id, { disabled_at: ctx.now() })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'user.disabled',
      entityType: 'user',
      entityId: user.id,
      data: { kind: user.kind },
    })
  })
}

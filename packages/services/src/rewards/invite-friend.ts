import {
  countFriendInvitationsSince,
  findJoinProgram,
  findRecentFriendInvitation,
  insertAuditRow,
  insertFriendInvitation,
  isEnrolled,
  lockPartner,
} from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import { ConflictError, InvalidInputError, NotFoundError, parseInput } from '../errors.ts'
import { queueMail } from '../mail/queue.ts'
import { hashEmail } from '../partners/partners.ts'
import { email, httpUrl, plainText, uuid } from '../shared/fields.ts'

/** Friend invitations one partner may send per 24 hours. */
export const FRIEND_INVITES_PER_DAY = 20
/** A friend is invited at most once in this many days (by anyone, in one program). */
export const FRIEND_REINVITE_DAYS = 30

export const inviteFriendInput = z.strictObject({
  partnerId: uuid,
  programId: uuid,
  email,
  /** The partner's referral link (the caller builds it from the tracker's public address). */
  shareUrl: httpUrl,
  /** The partner's code, when they have one. */
  code: plainText(64).nullable().default(null),
  /** What the friend gets, in words ("10% off your first order"). */
  offer: plainText(200).nullable().default(null),
})

/**
 * An ambassador invites a friend by email: the email carries their referral link and code. At
 * most FRIEND_INVITES_PER_DAY a day per partner, one invitation per friend and program in
 * FRIEND_REINVITE_DAYS, never to the partner's own address. The friend's address is kept only
 * as a sha256 (and in the email log).
 */
export async function inviteFriend(
  ctx: ServiceContext,
  raw: z.input<typeof inviteFriendInput>,
): Promise<{ emailId: string }> {
  const input = parseInput(inviteFriendInput, raw)
  if (ctx.actor.type === 'partner' && ctx.actor.id !== input.partnerId) {
    throw new NotFoundError('partner', input.partnerId)
  }
  const now = ctx.now()
  const program = await findJoinProgram(ctx.db, { id: input.programId }, now)
  if (!program || !(await isEnrolled(ctx.db, input.programId, input.partnerId))) {
    throw new NotFoundError('program', input.programId)
  }
  const emailHash = hashEmail(input.email)
  return ctx.db.transaction().execute(async (trx) => {
    const partner = await lockPartner(trx, input.partnerId)
    if (!partner) throw new NotFoundError('partner', input.partnerId)
    if (partner.email_hash === emailHash || partner.email.trim().toLowerCase() === input.email) {
      throw new InvalidInputError('email: invite a friend, not yourself', undefined, 'self_invitation')
    }
    const sent = await countFriendInvitationsSince(trx, partner.id, new Date(now.getTime() - 86_400_000))
    if (sent >= FRIEND_INVITES_PER_DAY) {
      throw new InvalidInputError(
        `You sent ${FRIEND_INVITES_PER_DAY} invitations in the last 24 hours: try again tomorrow`,
        undefined,
        'rate_limited',
      )
    }
    const recent = await findRecentFriendInvitation(trx, {
      programId: program.id,
      emailHash,
      since: new Date(now.getTime() - FRIEND_REINVITE_DAYS * 86_400_000),
    })
    if (recent) {
      throw new ConflictError(
        `${input.email} was invited recently: one invitation per friend a month`,
        undefined,
        'already_invited',
      )
    }
    const mail = await queueMail(trx, now, {
      template: 'friend_invitation',
      to: input.email,
      toName: null,
      subject: `${partner.name} invites you to ${program.name}`,
      params: {
        name: 'there',
        referrerName: partner.name,
        programName: program.name,
        code: input.code,
        offer: input.offer,
        url: input.shareUrl,
      },
      partnerId: partner.id,
      programId: program.id,
    })
    await insertFriendInvitation(trx, {
      programId: program.id,
      partnerId: partner.id,
      emailHash,
      emailId: mail.id,
      now,
    })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'referral.friend_invited',
      entityType: 'partner',
      entityId: partner.id,
      data: { program_id: program.id, email_id: mail.id },
    })
    return { emailId: mail.id }
  })
}

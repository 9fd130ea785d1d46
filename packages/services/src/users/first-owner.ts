import { hashPassword, insertAuditRow, insertUser, lockAdminUsersForSetup } from '@tandem/db'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import { ConflictError, parseInput } from '../errors.ts'
import { email, isWellFormed, requiredText } from '../shared/fields.ts'

export const createFirstOwnerInput = z.strictObject({
  name: requiredText(120),
  email,
  password: z
    .string()
    .min(10, 'must be at least 10 characters')
    .max(200, 'must be at most 200 characters')
    .refine(isWellFormed, 'must be valid Unicode'),
})

/**
 * The first owner of a fresh install (no seed): allowed only while no admin user exists, one
 * setup at a time, so a second visitor racing the first gets a conflict, never a second owner.
 */
export async function createFirstOwner(
  ctx: ServiceContext,
  raw: z.input<typeof createFirstOwnerInput>,
): Promise<{ userId: string }> {
  const input = parseInput(createFirstOwnerInput, raw)
  const passwordHash = await hashPassword(input.password)
  return ctx.db.transaction().execute(async (trx) => {
    const { admins } = await lockAdminUsersForSetup(trx)
    if (admins > 0) throw new ConflictError('This install has an owner already: log in instead')
    const user = await insertUser(trx, {
      email: input.email,
      name: input.name,
      passwordHash,
      kind: 'admin',
      adminRole: 'owner',
      partnerId: null,
      now: ctx.now(),
    })
    if (!user) throw new ConflictError(`A user with the email ${input.email} exists already`)
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'user.first_owner_created',
      entityType: 'user',
      entityId: user.id,
      data: { email: input.email },
    })
    return { userId: user.id }
  })
}

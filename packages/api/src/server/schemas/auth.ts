import { z } from 'zod'

export const adminRoleSchema = z.enum(['owner', 'manager', 'viewer'])
export type AdminRole = z.infer<typeof adminRoleSchema>

/** The logged-in user as both portals see it. */
export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  kind: z.enum(['admin', 'partner']),
  adminRole: adminRoleSchema.nullable(),
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
})
export type SessionUser = z.infer<typeof sessionUserSchema>

export const loginInput = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, 'Email is too long')
    .pipe(z.email('Enter a valid email address')),
  password: z.string().min(1, 'Enter your password').max(1024, 'Password is too long'),
})

export const loginOutput = z.object({ user: sessionUserSchema })
export const logoutOutput = z.object({ ok: z.literal(true) })
export const meOutput = z.object({ user: sessionUserSchema.nullable() })

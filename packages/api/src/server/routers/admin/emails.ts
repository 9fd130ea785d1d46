import { listEmails } from '@tandem/db'
import { z } from 'zod'
import { decodeCursor, timeIdCursor, withNextCursor } from '../../page-cursor.ts'
import { managerProcedure } from '../../procedures.ts'
import { instantSchema, pageOf, pageShape, uuidSchema } from '../../schemas/common.ts'
import { router } from '../../trpc.ts'

export const emailListInput = z.object({
  ...pageShape,
  /** Only the emails of one partner. */
  partnerId: uuidSchema.optional(),
  /** Only the emails to one address. */
  to: z.string().trim().toLowerCase().max(254).pipe(z.email('Enter a valid email address')).optional(),
})

export const emailSchema = z.object({
  id: z.string(),
  /** partner_invitation, admin_invitation, password_reset, application_received, application_approved, application_rejected, account_exists, friend_invitation */
  template: z.string(),
  to: z.string(),
  toName: z.string().nullable(),
  subject: z.string(),
  status: z.enum(['queued', 'sent', 'failed']),
  attempts: z.number().int(),
  /** smtp, or directory (embedded mode's local mail directory); null until sent. */
  transport: z.string().nullable(),
  /**
   * The text as sent: whole for the local mail directory (the demo follows its links from here),
   * with one-time links masked when it went out by SMTP.
   */
  textBody: z.string().nullable(),
  lastError: z.string().nullable(),
  partnerId: z.string().nullable(),
  programId: z.string().nullable(),
  createdAt: instantSchema,
  sentAt: instantSchema.nullable(),
})

/** emails.list — what Tandem sent (and is about to send), newest first: the admin portal's "Emails" page. */
export const emailsRouter = router({
  list: managerProcedure
    .input(emailListInput)
    .output(pageOf(emailSchema))
    .query(async ({ ctx, input }) =>
      withNextCursor(
        await listEmails(ctx.stores.db, {
          limit: input.limit,
          after: decodeCursor(input.cursor, timeIdCursor),
          partnerId: input.partnerId,
          to: input.to,
        }),
      ),
    ),
})

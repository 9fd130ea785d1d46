import { findAdminPartnerDetail, listPartners, partnerDashboardSummary } from '@tandem/db'
import {
  addPartnerNote,
  assignPartnerGroup,
  createCoupon,
  createLink,
  createPartner,
  createPartnerGroup,
  invitePartnerUser,
  setCouponStatus,
  setEnrollmentStatus,
  setLinkStatus,
  setPartnerStatus,
  setPayoutDetails,
  setPayoutHold,
} from '@tandem/services'
import { notFound } from '../../errors.ts'
import { decodeCursor, textIdCursor, withNextCursor } from '../../page-cursor.ts'
import { adminProcedure, managerProcedure } from '../../procedures.ts'
import { partnersListInput, partnersListOutput, setEnrollmentStatusOutput } from '../../schemas/admin.ts'
import {
  addNoteInput,
  adminSetEnrollmentInput,
  assignGroupInput,
  createCouponInput,
  createdCouponOutput,
  createdLinkOutput,
  createGroupInput,
  createLinkInput,
  createPartnerInput,
  createPartnerOutput,
  inviteOutput,
  okOutput,
  partnerDetailOutput,
  partnerIdInput,
  setCouponStatusInput,
  setLinkStatusInput,
  setPartnerStatusInput,
  setPayoutHoldInput,
} from '../../schemas/admin-partners.ts'
import { setPayoutDetailsInput } from '../../schemas/admin-payouts.ts'
import { adminServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'

const DAY_MS = 86_400_000
const ok = { ok: true as const }
const iso = (d: Date) => d.toISOString()

export const partnersRouter = router({
  list: adminProcedure
    .input(partnersListInput)
    .output(partnersListOutput)
    .query(async ({ ctx, input }) =>
      withNextCursor(
        await listPartners(ctx.stores.db, ctx.stores.ch, {
          ...input,
          today: ctx.auth.now(),
          after: decodeCursor(input.cursor, textIdCursor),
        }),
      ),
    ),

  /** Profile, enrollments, links, coupons, the last 30 days by day, balances, payouts, flags, audit trail. */
  get: adminProcedure
    .input(partnerIdInput)
    .output(partnerDetailOutput)
    .query(async ({ ctx, input }) => {
      const p = await findAdminPartnerDetail(ctx.stores.db, input.partnerId)
      if (!p) throw notFound('Partner not found')
      const today = ctx.auth.now()
      const to = today.toISOString().slice(0, 10)
      const from = new Date(today.getTime() - 29 * DAY_MS).toISOString().slice(0, 10)
      const activity = await partnerDashboardSummary(ctx.stores.db, ctx.stores.ch, {
        partnerId: p.id,
        from,
        to,
      })
      return {
        ...p,
        createdAt: iso(p.createdAt),
        enrollments: p.enrollments.map((e) => ({
          ...e,
          createdAt: iso(e.createdAt),
          decidedAt: e.decidedAt ? iso(e.decidedAt) : null,
        })),
        links: p.links.map((l) => ({
          ...l,
          trackingUrl: `${ctx.trackerUrl}/r/${l.code}`,
          createdAt: iso(l.createdAt),
        })),
        coupons: p.coupons.map((c) => ({ ...c, createdAt: iso(c.createdAt) })),
        payouts: p.payouts.map((o) => ({
          id: o.id,
          batchId: o.batchId,
          amount: { amountMinor: o.amountMinor, currency: o.currency },
          method: o.method,
          status: o.status,
          reference: o.reference,
          createdAt: iso(o.createdAt),
          paidAt: o.paidAt ? iso(o.paidAt) : null,
        })),
        flaggedConversions: p.flaggedConversions.map((c) => ({ ...c, occurredAt: iso(c.occurredAt) })),
        audit: p.audit.map((a) => ({ ...a, at: iso(a.at) })),
        activity: {
          from,
          to,
          clicks: activity.clicks,
          conversions: activity.conversions,
          currency: activity.currency,
          balances: activity.earnings,
          byDay: activity.byDay,
        },
      }
    }),

  /** Adds a partner (affiliate or ambassador) and enrolls them (manager). */
  create: managerProcedure
    .input(createPartnerInput)
    .output(createPartnerOutput)
    .mutation(({ ctx, input }) => createPartner(adminServiceContext(ctx, ctx.user.id), input)),

  /** A one-time link for the partner to set their password on the partner portal. */
  invite: managerProcedure
    .input(partnerIdInput)
    .output(inviteOutput)
    .mutation(async ({ ctx, input }) => {
      const invitation = await invitePartnerUser(adminServiceContext(ctx, ctx.user.id), input)
      return {
        email: invitation.email,
        url: `${ctx.partnerUrl}/invite/${invitation.token}`,
        expiresAt: invitation.expiresAt.toISOString(),
      }
    }),

  /** Approve, reject, suspend or reinstate (back to pending: undo) in a program, with a reason. */
  setEnrollmentStatus: managerProcedure
    .input(adminSetEnrollmentInput)
    .output(setEnrollmentStatusOutput)
    .mutation(async ({ ctx, input }) => {
      await setEnrollmentStatus(adminServiceContext(ctx, ctx.user.id), input)
      return { ok: true as const, status: input.status }
    }),

  /** Suspend or reinstate a partner everywhere. */
  setStatus: managerProcedure
    .input(setPartnerStatusInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setPartnerStatus(adminServiceContext(ctx, ctx.user.id), input)
      return ok
    }),

  setPayoutHold: managerProcedure
    .input(setPayoutHoldInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setPayoutHold(adminServiceContext(ctx, ctx.user.id), input)
      return ok
    }),

  /** A manager records how the partner is paid (method, account, currency), e.g. from a signed form. */
  setPayoutDetails: managerProcedure
    .input(setPayoutDetailsInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setPayoutDetails(adminServiceContext(ctx, ctx.user.id), input)
      return ok
    }),

  addNote: managerProcedure
    .input(addNoteInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await addPartnerNote(adminServiceContext(ctx, ctx.user.id), input)
      return ok
    }),

  createGroup: managerProcedure
    .input(createGroupInput)
    .output(createPartnerOutput)
    .mutation(({ ctx, input }) => createPartnerGroup(adminServiceContext(ctx, ctx.user.id), input)),

  assignGroup: managerProcedure
    .input(assignGroupInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await assignPartnerGroup(adminServiceContext(ctx, ctx.user.id), input)
      return ok
    }),

  createLink: managerProcedure
    .input(createLinkInput)
    .output(createdLinkOutput)
    .mutation(async ({ ctx, input }) => {
      const link = await createLink(adminServiceContext(ctx, ctx.user.id), input)
      return { ...link, trackingUrl: `${ctx.trackerUrl}/r/${link.code}` }
    }),

  setLinkStatus: managerProcedure
    .input(setLinkStatusInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setLinkStatus(adminServiceContext(ctx, ctx.user.id), input)
      return ok
    }),

  createCoupon: managerProcedure
    .input(createCouponInput)
    .output(createdCouponOutput)
    .mutation(({ ctx, input }) => createCoupon(adminServiceContext(ctx, ctx.user.id), input)),

  setCouponStatus: managerProcedure
    .input(setCouponStatusInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setCouponStatus(adminServiceContext(ctx, ctx.user.id), input)
      return ok
    }),
})

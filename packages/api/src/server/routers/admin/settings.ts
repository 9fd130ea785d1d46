import { listApiKeys, listAuditLog, listTeam } from '@tandem/db'
import {
  acceptInvitation,
  createApiKey,
  createWebhookEndpoint,
  disableUser,
  inviteAdmin,
  listWebhookDeliveries,
  listWebhookEndpoints,
  replayWebhookEvent,
  revokeApiKey,
  rotateWebhookSecret,
  sendTestWebhook,
  setAdminRole,
  updateWebhookEndpoint,
} from '@tandem/services'
import { z } from 'zod'
import { startSessionFor } from '../../auth/start-session.ts'
import { forbidden } from '../../errors.ts'
import { adminProcedure, managerProcedure, ownerProcedure, publicProcedure } from '../../procedures.ts'
import {
  acceptInput,
  apiKeyIdInput,
  apiKeysOutput,
  auditInput,
  auditOutput,
  createApiKeyInput,
  createdApiKeyOutput,
  createdEndpointOutput,
  createEndpointInput,
  deliveriesOutput,
  endpointIdInput,
  endpointsOutput,
  inviteAdminInput,
  inviteOutput,
  okOutput,
  programIdInput,
  replayInput,
  setRoleInput,
  teamOutput,
  updateEndpointInput,
  userIdInput,
} from '../../schemas/admin-settings.ts'
import { sessionUserSchema } from '../../schemas/auth.ts'
import { adminServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'

const ok = { ok: true as const }
const iso = (d: Date | null) => (d ? d.toISOString() : null)
const actor = (userId: string) => ({ type: 'user' as const, id: userId })

/** Settings: the team (owner-only changes), API keys and webhooks (managers), the audit log (everyone). */
export const settingsRouter = router({
  team: adminProcedure.output(teamOutput).query(async ({ ctx }) => {
    const t = await listTeam(ctx.stores.db)
    return {
      members: t.members.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
      invitations: t.invitations.map((i) => ({
        ...i,
        createdAt: i.createdAt.toISOString(),
        expiresAt: i.expiresAt.toISOString(),
      })),
    }
  }),

  /** A one-time link for a new team member (owner). */
  invite: ownerProcedure
    .input(inviteAdminInput)
    .output(inviteOutput)
    .mutation(async ({ ctx, input }) => {
      const invitation = await inviteAdmin(adminServiceContext(ctx, ctx.user.id), input)
      // The path on this portal: the SPA puts its own origin in front.
      return { path: `/invite/${invitation.token}`, expiresAt: invitation.expiresAt.toISOString() }
    }),

  setRole: ownerProcedure
    .input(setRoleInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      if (input.userId === ctx.user.id && input.role !== 'owner') {
        throw forbidden('Ask another owner to change your own role')
      }
      await setAdminRole(adminServiceContext(ctx, ctx.user.id), input)
      return ok
    }),

  remove: ownerProcedure
    .input(userIdInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      if (input.userId === ctx.user.id) throw forbidden('You cannot remove yourself')
      await disableUser(adminServiceContext(ctx, ctx.user.id), input)
      return ok
    }),

  /** The invited person sets a password and is logged in (admin portal, no login yet). */
  acceptInvitation: publicProcedure
    .input(acceptInput)
    .output(z.object({ user: sessionUserSchema.nullable() }))
    .mutation(async ({ ctx, input }) => {
      if (ctx.portal !== 'admin') throw forbidden('Team invitations are accepted on the admin portal')
      const accepted = await acceptInvitation(
        { db: ctx.stores.db, now: () => ctx.auth.now(), actor: { type: 'system', id: null } },
        input,
      )
      if (accepted.kind !== 'admin')
        throw forbidden('This is a partner invitation: open it on the partner portal')
      return { user: await startSessionFor(ctx, accepted.userId, 'invitation') }
    }),

  apiKeys: managerProcedure
    .input(programIdInput)
    .output(apiKeysOutput)
    .query(async ({ ctx, input }) =>
      (await listApiKeys(ctx.stores.db, input.programId)).map((k) => ({
        ...k,
        createdAt: k.createdAt.toISOString(),
        lastUsedAt: iso(k.lastUsedAt),
        revokedAt: iso(k.revokedAt),
      })),
    ),

  createApiKey: managerProcedure
    .input(createApiKeyInput)
    .output(createdApiKeyOutput)
    .mutation(({ ctx, input }) => createApiKey(adminServiceContext(ctx, ctx.user.id), input)),

  revokeApiKey: managerProcedure
    .input(apiKeyIdInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await revokeApiKey(adminServiceContext(ctx, ctx.user.id), input)
      return ok
    }),

  webhooks: managerProcedure
    .input(programIdInput)
    .output(endpointsOutput)
    .query(({ ctx, input }) => listWebhookEndpoints(ctx.stores.db, input)),

  createWebhook: managerProcedure
    .input(createEndpointInput)
    .output(createdEndpointOutput)
    .mutation(({ ctx, input }) =>
      createWebhookEndpoint(
        ctx.stores.db,
        { program: { id: input.programId }, url: input.url, events: input.events },
        actor(ctx.user.id),
      ),
    ),

  updateWebhook: managerProcedure
    .input(updateEndpointInput)
    .output(endpointsOutput.element)
    .mutation(({ ctx, input }) => updateWebhookEndpoint(ctx.stores.db, input, actor(ctx.user.id))),

  rotateWebhookSecret: managerProcedure
    .input(endpointIdInput)
    .output(z.object({ secret: z.string() }))
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.stores.db, input, actor(ctx.user.id))),

  testWebhook: managerProcedure
    .input(endpointIdInput)
    .output(z.object({ eventId: z.string() }))
    .mutation(({ ctx, input }) => sendTestWebhook(adminServiceContext(ctx, ctx.user.id), input)),

  deliveries: managerProcedure
    .input(endpointIdInput)
    .output(deliveriesOutput)
    .query(async ({ ctx, input }) =>
      (await listWebhookDeliveries(ctx.stores.db, { endpointId: input.endpointId, limit: 50 })).map((d) => ({
        id: d.id,
        eventId: d.eventId,
        attempt: d.attempt,
        url: d.url,
        status: d.status,
        statusCode: d.statusCode,
        latencyMs: d.latencyMs,
        responseExcerpt: d.responseExcerpt,
        error: d.error,
        startedAt: d.startedAt.toISOString(),
      })),
    ),

  replayWebhook: managerProcedure
    .input(replayInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await replayWebhookEvent(ctx.stores.db, input, actor(ctx.user.id))
      return ok
    }),

  audit: adminProcedure
    .input(auditInput)
    .output(auditOutput)
    .query(async ({ ctx, input }) =>
      (await listAuditLog(ctx.stores.db, input)).map((a) => ({ ...a, at: a.at.toISOString() })),
    ),
})

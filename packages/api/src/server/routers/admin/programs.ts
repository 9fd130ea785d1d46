import { findProgramCredentials, findProgramDetail, listProgramGroups, listPrograms } from '@tandem/db'
import { createProgram, rotatePostbackCredentials, setProgramStatus, updateProgram } from '@tandem/services'
import { notFound } from '../../errors.ts'
import { adminProcedure, managerProcedure } from '../../procedures.ts'
import { programsListOutput } from '../../schemas/admin.ts'
import {
  createProgramInput,
  createProgramOutput,
  credentialsOutput,
  okOutput,
  programDetailOutput,
  programGroupsOutput,
  programIdInput,
  rotateCredentialsInput,
  rotateCredentialsOutput,
  setProgramStatusInput,
  updateProgramInput,
} from '../../schemas/admin-programs.ts'
import { adminServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'
import { integrationSnippets } from './integration-snippets.ts'

export const programsRouter = router({
  list: adminProcedure.output(programsListOutput).query(({ ctx }) => listPrograms(ctx.stores.db)),

  get: adminProcedure
    .input(programIdInput)
    .output(programDetailOutput)
    .query(async ({ ctx, input }) => {
      const program = await findProgramDetail(ctx.stores.db, input.programId)
      if (!program) throw notFound('Program not found')
      return {
        ...program,
        createdAt: program.createdAt.toISOString(),
        updatedAt: program.updatedAt.toISOString(),
      }
    }),

  /** The program's partner groups, with how many partners each holds. */
  groups: adminProcedure
    .input(programIdInput)
    .output(programGroupsOutput)
    .query(({ ctx, input }) => listProgramGroups(ctx.stores.db, input.programId)),

  /** The postback token and HMAC secret (managers only: they let anyone record sales). */
  credentials: managerProcedure
    .input(programIdInput)
    .output(credentialsOutput)
    .query(async ({ ctx, input }) => {
      const c = await findProgramCredentials(ctx.stores.db, input.programId, ctx.auth.now())
      if (!c) throw notFound('Program not found')
      return {
        postbackToken: c.postbackToken,
        postbackHmacSecret: c.postbackHmacSecret,
        previous: c.previous ? { ...c.previous, validUntil: c.previous.validUntil.toISOString() } : null,
        integration: integrationSnippets(ctx.trackerUrl, c),
      }
    }),

  create: managerProcedure
    .input(createProgramInput)
    .output(createProgramOutput)
    .mutation(({ ctx, input }) => createProgram(adminServiceContext(ctx, ctx.user.id), input)),

  update: managerProcedure
    .input(updateProgramInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await updateProgram(adminServiceContext(ctx, ctx.user.id), input)
      return { ok: true as const }
    }),

  /** Pause, resume or archive (archiving is final: links stop, no new conversions). */
  setStatus: managerProcedure
    .input(setProgramStatusInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await setProgramStatus(adminServiceContext(ctx, ctx.user.id), input)
      return { ok: true as const }
    }),

  /** New token and secret; the old ones keep working for graceHours. */
  rotateCredentials: managerProcedure
    .input(rotateCredentialsInput)
    .output(rotateCredentialsOutput)
    .mutation(async ({ ctx, input }) => {
      const r = await rotatePostbackCredentials(adminServiceContext(ctx, ctx.user.id), input)
      return { ...r, previousValidUntil: r.previousValidUntil.toISOString() }
    }),
})

import { findProgramDetail, listRuleSetVersions } from '@tandem/db'
import { checkRuleSet, publishRuleSet, simulateOrder } from '@tandem/services'
import { notFound } from '../../errors.ts'
import { adminProcedure, managerProcedure } from '../../procedures.ts'
import {
  checkRulesInput,
  checkRulesOutput,
  programIdInput,
  publishRuleSetInput,
  publishRulesOutput,
  ruleVersionsOutput,
  simulateOrderInput,
  simulateOrderOutput,
} from '../../schemas/admin-programs.ts'
import { adminServiceContext } from '../../service-context.ts'
import { router } from '../../trpc.ts'

export const rulesRouter = router({
  /** Every published version, newest first; the one pricing conversions now is marked. */
  versions: adminProcedure
    .input(programIdInput)
    .output(ruleVersionsOutput)
    .query(async ({ ctx, input }) => {
      const program = await findProgramDetail(ctx.stores.db, input.programId)
      if (!program) throw notFound('Program not found')
      const versions = await listRuleSetVersions(ctx.stores.db, input.programId)
      const now = ctx.auth.now()
      const inForce = versions
        .filter((v) => v.effectiveFrom <= now)
        .sort((a, b) => +b.effectiveFrom - +a.effectiveFrom || b.version - a.version)[0]
      return {
        currency: program.currency,
        rounding: program.roundingMode,
        versions: versions.map((v) => ({
          version: v.version,
          rules: v.rules,
          effectiveFrom: v.effectiveFrom.toISOString(),
          note: v.note,
          createdBy: v.createdBy,
          createdAt: v.createdAt.toISOString(),
          inForce: v.version === inForce?.version,
        })),
      }
    }),

  /** core's problems with a draft (nothing is written): the editor shows them inline. */
  check: managerProcedure
    .input(checkRulesInput)
    .output(checkRulesOutput)
    .mutation(async ({ ctx, input }) => {
      const program = await findProgramDetail(ctx.stores.db, input.programId)
      if (!program) throw notFound('Program not found')
      // Rules not saved yet have no id: they get a stand-in, as publishing would give them one.
      const rules = input.rules.map((r, i) => ({ ...r, id: r.id ?? `new-rule-${i + 1}` }))
      return { problems: checkRuleSet(program.currency, program.roundingMode, rules) }
    }),

  /** Publishes the rules as a new version (core must find no problem). */
  publish: managerProcedure
    .input(publishRuleSetInput)
    .output(publishRulesOutput)
    .mutation(({ ctx, input }) => publishRuleSet(adminServiceContext(ctx, ctx.user.id), input)),

  /** Prices an example order with a draft or the version in force; writes nothing. */
  simulate: managerProcedure
    .input(simulateOrderInput)
    .output(simulateOrderOutput)
    .mutation(({ ctx, input }) => simulateOrder(adminServiceContext(ctx, ctx.user.id), input)),
})

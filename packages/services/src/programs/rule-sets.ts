import { randomUUID } from 'node:crypto'
import { type CommissionRule, type RuleProblem, type RuleSet, validateRuleSet } from '@tandem/core'
import {
  type Database,
  foreignRuleIds,
  insertAuditRow,
  insertRuleSetVersion,
  latestRuleSetVersion,
  lockProgram,
  type RuleIdentity,
  ruleSetVersionAt,
  type StoredRuleSetVersion,
} from '@tandem/db'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { auditActor, type ServiceContext } from '../context.ts'
import { IllegalTransitionError, InvalidInputError, NotFoundError, parseInput } from '../errors.ts'
import { plainText, requiredText, uuid } from '../shared/fields.ts'

/** One rule as a manager writes it: core's rule fields, a name, and an id once it exists. */
export const ruleInput = z
  .object({ id: uuid.optional(), name: requiredText(120), kind: z.string().min(1) })
  .catchall(z.unknown())

export const publishRuleSetInput = z.strictObject({
  programId: uuid,
  rules: z.array(ruleInput).max(200),
  /** When the version starts pricing conversions (default: now). Never before the latest version. */
  effectiveFrom: z.coerce.date().optional(),
  note: plainText(500).optional(),
})
export type PublishRuleSetInput = z.input<typeof publishRuleSetInput>

/** Problems core finds in a rule set, for a form to show inline (empty: it can be published). */
export function checkRuleSet(
  currency: string,
  rounding: RuleSet['rounding'],
  rules: unknown[],
): RuleProblem[] {
  return validateRuleSet({ currency, rounding, rules })
}

/**
 * Publishes a new version of a program's commission rules: core validates the whole set first
 * (any problem refuses it, listed), then the version is written with an audit row. Conversions
 * occurring from `effectiveFrom` on are priced by it; earlier ones keep their version.
 */
export async function publishRuleSet(
  ctx: ServiceContext,
  raw: PublishRuleSetInput,
): Promise<{ version: number; ruleIds: string[] }> {
  const input = parseInput(publishRuleSetInput, raw)
  return ctx.db.transaction().execute(async (trx) => {
    const program = await lockProgram(trx, input.programId)
    if (!program) throw new NotFoundError('program', input.programId)
    if (program.status === 'archived')
      throw new IllegalTransitionError('An archived program cannot change its rules')
    const rules = input.rules.map((r) => ({ ...r, id: r.id ?? randomUUID() })) as unknown as CommissionRule[]
    const problems = checkRuleSet(program.currency, program.rounding_mode, rules)
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => p.message).join('; '), { problems })
    }
    const ids = rules.map((r) => r.id)
    const foreign = await foreignRuleIds(trx, program.id, ids)
    if (foreign.length > 0)
      throw new InvalidInputError(`Rules ${foreign.join(', ')} belong to another program`)
    const now = ctx.now()
    const effectiveFrom = input.effectiveFrom ?? now
    const latest = await latestRuleSetVersion(trx, program.id)
    if (latest && effectiveFrom < latest.effectiveFrom) {
      throw new InvalidInputError(
        `effectiveFrom must be on or after ${latest.effectiveFrom.toISOString()}, when version ${latest.version} took effect`,
      )
    }
    const version = (latest?.version ?? 0) + 1
    await insertRuleSetVersion(trx, {
      programId: program.id,
      version,
      rules: rules.map(identityOf),
      stored: rules as unknown as Record<string, unknown>[],
      effectiveFrom,
      note: input.note ?? null,
      createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      now,
    })
    await insertAuditRow(trx, {
      ...auditActor(ctx.actor),
      action: 'program.rules_published',
      entityType: 'program',
      entityId: program.id,
      data: { version, rules: ids.length, effective_from: effectiveFrom.toISOString() },
    })
    return { version, ruleIds: ids }
  })
}

/** commission_rules keeps a rule's identity; a scope names at most one partner or group there. */
function identityOf(rule: CommissionRule): RuleIdentity {
  const { id, name, ...rest } = rule as CommissionRule & { name: string }
  const scope = rule.scope
  const partnerIds = scope && 'partnerIds' in scope ? scope.partnerIds : []
  const groupIds = scope && 'groupIds' in scope ? scope.groupIds : []
  return {
    id,
    name,
    rule: rest as Record<string, unknown>,
    partnerId: partnerIds.length === 1 ? (partnerIds[0] ?? null) : null,
    groupId: groupIds.length === 1 ? (groupIds[0] ?? null) : null,
  }
}

export interface RuleSetInForce {
  version: number
  ruleSet: RuleSet
}

/**
 * The rule set that prices a conversion occurring at `at`. Versions never change once written,
 * so each is built once per process and kept by id: core's compiled form, cached per RuleSet
 * object, is then reused by every conversion priced by that version.
 */
export async function ruleSetInForce(
  db: Kysely<Database>,
  program: { id: string; currency: string; rounding_mode: RuleSet['rounding'] },
  at: Date,
): Promise<RuleSetInForce | null> {
  const stored = await ruleSetVersionAt(db, program.id, at)
  if (!stored) return null
  return { version: stored.version, ruleSet: cachedRuleSet(stored, program) }
}

const MAX_CACHED = 1_000
const cache = new Map<string, RuleSet>()

function cachedRuleSet(
  stored: StoredRuleSetVersion,
  program: { currency: string; rounding_mode: RuleSet['rounding'] },
): RuleSet {
  const key = `${stored.id}:${program.rounding_mode}`
  const hit = cache.get(key)
  if (hit) return hit
  const ruleSet: RuleSet = {
    currency: program.currency,
    rounding: program.rounding_mode,
    rules: stored.rules as unknown as CommissionRule[],
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string)
  cache.set(key, ruleSet)
  return ruleSet
}

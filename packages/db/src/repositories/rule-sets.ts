import { type Kysely, sql } from 'kysely'
import type { Database } from '../postgres/schema.ts'

export interface StoredRuleSetVersion {
  id: string
  programId: string
  version: number
  /** core CommissionRule[] as stored (each with its commission_rules id and name). */
  rules: Record<string, unknown>[]
  effectiveFrom: Date
  note: string | null
  createdBy: string | null
  createdAt: Date
}

function toVersion(row: {
  id: string
  program_id: string
  version: number
  rules: Record<string, unknown>[]
  effective_from: Date
  note: string | null
  created_by: string | null
  created_at: Date
}): StoredRuleSetVersion {
  return {
    id: row.id,
    programId: row.program_id,
    version: row.version,
    rules: row.rules,
    effectiveFrom: row.effective_from,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
  }
}

const columns = [
  'id',
  'program_id',
  'version',
  'rules',
  'effective_from',
  'note',
  'created_by',
  'created_at',
] as const

/** The version in force at `at`: the newest one effective at or before it. */
export async function ruleSetVersionAt(
  db: Kysely<Database>,
  programId: string,
  at: Date,
): Promise<StoredRuleSetVersion | undefined> {
  const row = await db
    .selectFrom('rule_set_versions')
    .select(columns)
    .where('program_id', '=', programId)
    .where('effective_from', '<=', at)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? toVersion(row) : undefined
}

/** Every version of a program, newest first. */
export async function listRuleSetVersions(
  db: Kysely<Database>,
  programId: string,
): Promise<StoredRuleSetVersion[]> {
  const rows = await db
    .selectFrom('rule_set_versions')
    .select(columns)
    .where('program_id', '=', programId)
    .orderBy('version', 'desc')
    .execute()
  return rows.map(toVersion)
}

/** The newest version (the one published last), whenever it takes effect. */
export async function latestRuleSetVersion(
  db: Kysely<Database>,
  programId: string,
): Promise<StoredRuleSetVersion | undefined> {
  const row = await db
    .selectFrom('rule_set_versions')
    .select(columns)
    .where('program_id', '=', programId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? toVersion(row) : undefined
}

export async function latestRuleSetVersionNumber(db: Kysely<Database>, programId: string): Promise<number> {
  const row = await db
    .selectFrom('rule_set_versions')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
    .where('program_id', '=', programId)
    .executeTakeFirst()
  return Number(row?.v ?? 0)
}

export interface RuleIdentity {
  id: string
  name: string
  /** The rule as core reads it (kind, rates, …), without id and name. */
  rule: Record<string, unknown>
  partnerId: string | null
  groupId: string | null
}

/**
 * Saves a new version: the rules' identities in commission_rules (new ones inserted, changed ones
 * updated, those no longer in the set deactivated: ledger rows keep referring to them) and the
 * whole set as one version row.
 */
export async function insertRuleSetVersion(
  trx: Kysely<Database>,
  v: {
    programId: string
    version: number
    rules: RuleIdentity[]
    stored: Record<string, unknown>[]
    effectiveFrom: Date
    note: string | null
    createdBy: string | null
    now: Date
  },
): Promise<StoredRuleSetVersion> {
  for (const r of v.rules) {
    await trx
      .insertInto('commission_rules')
      .values({
        id: r.id,
        program_id: v.programId,
        name: r.name,
        rule: JSON.stringify(r.rule),
        partner_id: r.partnerId,
        group_id: r.groupId,
        active: true,
        updated_at: v.now,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: r.name,
          rule: JSON.stringify(r.rule),
          partner_id: r.partnerId,
          group_id: r.groupId,
          active: true,
          updated_at: v.now,
        }),
      )
      .execute()
  }
  const keep = v.rules.map((r) => r.id)
  let deactivate = trx
    .updateTable('commission_rules')
    .set({ active: false, updated_at: v.now })
    .where('program_id', '=', v.programId)
    .where('active', '=', true)
  if (keep.length > 0) deactivate = deactivate.where('id', 'not in', keep)
  await deactivate.execute()
  const row = await trx
    .insertInto('rule_set_versions')
    .values({
      program_id: v.programId,
      version: v.version,
      rules: JSON.stringify(v.stored),
      effective_from: v.effectiveFrom,
      note: v.note,
      created_by: v.createdBy,
    })
    .returning(columns)
    .executeTakeFirstOrThrow()
  return toVersion(row)
}

/** Ids of commission_rules rows that belong to another program (a rule id must not cross programs). */
export async function foreignRuleIds(
  db: Kysely<Database>,
  programId: string,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('commission_rules')
    .select('id')
    .where('id', 'in', [...ids])
    .where('program_id', '<>', programId)
    .execute()
  return rows.map((r) => r.id)
}

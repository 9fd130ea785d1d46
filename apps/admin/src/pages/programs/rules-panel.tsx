import type { AdminOutputs } from '@tandem/api'
import { Card, ErrorState, errorMessage, LoadingState, StatusBadge } from '@tandem/ui'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useState } from 'react'
import {
  type Control,
  type FieldErrors,
  type UseFormRegister,
  useFieldArray,
  useForm,
  useWatch,
} from 'react-hook-form'
import { DateTime, localZone, toLocalInput } from '../../kit/date-time.tsx'
import { CheckboxField, SelectInput, TextField } from '../../kit/form-fields.tsx'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { useTRPC } from '../../trpc.ts'
import {
  emptyRule,
  fromCoreRule,
  newId,
  problemsByRule,
  RULE_KINDS,
  type RuleDraft,
  toCoreRule,
} from './rule-model.ts'
import { SimulatorCard } from './simulator-card.tsx'

type Program = AdminOutputs['programs']['get']
type Problem = AdminOutputs['rules']['check']['problems'][number]

interface EditorValues {
  rules: RuleDraft[]
  note: string
  effectiveFrom: string
}

/** The rule editor (core's problems inline), the versions, and the simulator. */
export function RulesPanel({ program, canEdit }: { readonly program: Program; readonly canEdit: boolean }) {
  const trpc = useTRPC()
  const versions = useQuery(trpc.rules.versions.queryOptions({ programId: program.id }))
  const [loaded, setLoaded] = useState<number | null>(null)
  const [published, setPublished] = useState<number | null>(null)
  if (versions.isError)
    return (
      <ErrorState
        title="Could not load the rules"
        message={errorMessage(versions.error)}
        onRetry={() => void versions.refetch()}
      />
    )
  if (!versions.data) return <LoadingState label="Loading rules…" />
  const list = versions.data.versions
  const base = list.find((v) => v.version === loaded) ?? list.find((v) => v.inForce) ?? list[0]
  const drafts = base ? base.rules.map((r) => fromCoreRule(r, program.currency)) : []
  return (
    <div className="stack">
      {list.length === 0 ? (
        <div className="banner" role="status">
          No commission rules yet: nobody earns until you publish a first version. Start with a percentage of
          revenue, simulate an order, then publish.
        </div>
      ) : null}
      {published !== null ? (
        <div className="banner is-good" role="status">
          Published version {published}: conversions from its start are priced by it.
        </div>
      ) : null}
      <RuleEditor
        key={`${base?.version ?? 0}`}
        onPublished={setPublished}
        program={program}
        canEdit={canEdit}
        initial={drafts.length > 0 ? drafts : [{ ...emptyRule('percentage'), name: 'Revenue share' }]}
        baseVersion={base?.version ?? null}
      />
      <Card title="Versions" description="A conversion is priced by the version in force when it occurred.">
        <ul className="plain-list card-body" data-testid="rule-versions">
          {list.length === 0 ? <li className="muted">None published yet.</li> : null}
          {list.map((v) => (
            <li key={v.version} className="spread">
              <span>
                <strong>Version {v.version}</strong> {v.inForce ? <StatusBadge status="active" /> : null} ·
                from <DateTime value={v.effectiveFrom} /> · {v.rules.length} rule
                {v.rules.length === 1 ? '' : 's'}
                {v.note ? <span className="muted"> · {v.note}</span> : null}
              </span>
              <button type="button" className="button button-small" onClick={() => setLoaded(v.version)}>
                {canEdit ? 'Edit from this version' : 'Show'}
              </button>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  )
}

function RuleEditor({
  program,
  canEdit,
  initial,
  baseVersion,
  onPublished,
}: {
  readonly onPublished: (version: number) => void
  readonly program: Program
  readonly canEdit: boolean
  readonly initial: RuleDraft[]
  readonly baseVersion: number | null
}) {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const { register, control, handleSubmit, getValues, formState } = useForm<EditorValues>({
    defaultValues: { rules: initial, note: '', effectiveFrom: '' },
  })
  const rules = useFieldArray({ control, name: 'rules', keyName: 'key' })
  const [newKind, setNewKind] = useState<RuleDraft['kind']>('percentage')
  const [problems, setProblems] = useState<Problem[] | null>(null)
  const check = useMutation(trpc.rules.check.mutationOptions({ onSuccess: (r) => setProblems(r.problems) }))
  const publish = useMutation(
    trpc.rules.publish.mutationOptions({
      onSuccess: (r) => {
        onPublished(r.version)
        return queryClient.invalidateQueries(trpc.rules.versions.pathFilter())
      },
    }),
  )
  const watched = useWatch({ control, name: 'rules' })
  const coreRules = useMemo(
    () => (watched ?? []).map((r) => toCoreRule(r as RuleDraft, program.currency)),
    [watched, program.currency],
  )
  const serialized = JSON.stringify(coreRules)
  // core checks the draft as it is typed (after a pause): its problems show under each rule.
  useEffect(() => {
    if (!canEdit) return
    const timer = setTimeout(
      () => check.mutate({ programId: program.id, rules: JSON.parse(serialized) }),
      500,
    )
    return () => clearTimeout(timer)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serialized, canEdit, program.id])
  const byRule = problemsByRule(problems ?? [])

  const { data: partners } = useQuery(
    trpc.partners.list.queryOptions(
      { programId: program.id, status: 'approved', limit: 200 },
      { staleTime: 60_000 },
    ),
  )
  const { data: groups } = useQuery(
    trpc.programs.groups.queryOptions({ programId: program.id }, { staleTime: 60_000 }),
  )
  const scopeOptions = {
    partner: (partners?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
    group: (groups ?? []).map((g) => ({ value: g.id, label: g.name })),
  }

  const onPublish = handleSubmit(async (values) => {
    const draft = values.rules.map((r) => toCoreRule(r, program.currency))
    const found = await check.mutateAsync({ programId: program.id, rules: draft as never })
    if (found.problems.length > 0) return
    await publish.mutateAsync({
      programId: program.id,
      rules: draft as never,
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
      ...(values.effectiveFrom ? { effectiveFrom: new Date(values.effectiveFrom) } : {}),
    })
  })

  return (
    <>
      <Card
        title={baseVersion ? `Rules (editing from version ${baseVersion})` : 'Rules (draft)'}
        description="The most specific rule wins: partner beats group beats program-wide; SKU beats product beats category. Order does not matter."
      >
        <form className="card-body stack" onSubmit={onPublish} noValidate aria-label="Commission rules">
          <fieldset disabled={!canEdit} className="form-section stack">
            {rules.fields.map((field, index) => (
              <RuleCard
                key={field.key}
                index={index}
                control={control}
                register={register}
                errors={formState.errors}
                currency={program.currency}
                problems={byRule.get(index) ?? []}
                scopeOptions={scopeOptions}
                onRemove={() => rules.remove(index)}
              />
            ))}
            {(byRule.get(-1) ?? []).length > 0 ? (
              <ul className="problem-list" role="alert">
                {byRule.get(-1)?.map((p) => (
                  <li key={p.path + p.message}>{p.message}</li>
                ))}
              </ul>
            ) : null}
            {canEdit ? (
              <div className="row">
                <label className="form-label" htmlFor="new-rule-kind">
                  Add a rule
                </label>
                <select
                  id="new-rule-kind"
                  className="input select"
                  value={newKind}
                  onChange={(e) => setNewKind(e.target.value as RuleDraft['kind'])}
                >
                  {RULE_KINDS.map((k) => (
                    <option key={k.value} value={k.value}>
                      {k.label}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => rules.append(emptyRule(newKind))}
                >
                  Add
                </button>
              </div>
            ) : null}
          </fieldset>
          {canEdit ? (
            <>
              <div className="form-grid">
                <TextField<EditorValues>
                  name="note"
                  label="Note for this version"
                  register={register}
                  errors={formState.errors}
                />
                <TextField<EditorValues>
                  name="effectiveFrom"
                  label={`Takes effect (${localZone()})`}
                  hint="Empty: now. Never before the latest version."
                  type="datetime-local"
                  min={toLocalInput(new Date())}
                  register={register}
                  errors={formState.errors}
                />
              </div>
              <div className="form-actions">
                <button
                  type="submit"
                  className="button button-primary"
                  disabled={publish.isPending || check.isPending}
                >
                  Publish as a new version
                </button>
                <span className="status-line" data-testid="rule-check" data-problems={problems?.length ?? ''}>
                  {problems === null
                    ? ''
                    : problems.length === 0
                      ? 'core finds no problem.'
                      : `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix before publishing.`}
                </span>
                <MutationStatus mutation={publish} success="Published." pending="Publishing…" />
              </div>
            </>
          ) : null}
        </form>
      </Card>
      {canEdit ? (
        <SimulatorCard
          program={program}
          draftRules={() => getValues('rules').map((r) => toCoreRule(r, program.currency))}
          partners={scopeOptions.partner}
        />
      ) : null}
    </>
  )
}

interface RuleCardProps {
  readonly index: number
  readonly control: Control<EditorValues>
  readonly register: UseFormRegister<EditorValues>
  readonly errors: FieldErrors<EditorValues>
  readonly currency: string
  readonly problems: readonly Problem[]
  readonly scopeOptions: {
    partner: { value: string; label: string }[]
    group: { value: string; label: string }[]
  }
  readonly onRemove: () => void
}

function RuleCard({
  index,
  control,
  register,
  errors,
  currency,
  problems,
  scopeOptions,
  onRemove,
}: RuleCardProps) {
  const rule = useWatch({ control, name: `rules.${index}` }) as RuleDraft
  const tiers = useFieldArray({ control, name: `rules.${index}.tiers`, keyName: 'key' })
  const levels = useFieldArray({ control, name: `rules.${index}.levels`, keyName: 'key' })
  const f = { register, errors }
  const p = `rules.${index}` as const
  const kind = rule?.kind ?? 'percentage'
  const hasEvent = kind !== 'multi_level' && kind !== 'cap' && !(kind === 'bonus' && rule.trigger === 'tier')
  const hasRate =
    kind === 'percentage' || kind === 'recurring' || (kind === 'product' && rule.pricing === 'rate')
  const hasAmount =
    kind === 'flat' || kind === 'cap' || kind === 'bonus' || (kind === 'product' && rule.pricing === 'amount')
  const hasNet = kind === 'percentage' || kind === 'tiered' || kind === 'recurring' || kind === 'multi_level'
  return (
    <section
      className={problems.length > 0 ? 'rule-card has-problems' : 'rule-card'}
      aria-label={`Rule ${index + 1}`}
      data-testid={`rule-${index}`}
    >
      <div className="spread">
        <strong>Rule {index + 1}</strong>
        <button
          type="button"
          className="button button-small button-quiet"
          onClick={onRemove}
          aria-label={`Remove rule ${index + 1}`}
        >
          Remove
        </button>
      </div>
      <div className="form-grid">
        <TextField name={`${p}.name`} label="Name" hint="Shown in explanations" {...f} />
        <SelectInput name={`${p}.kind`} label="Kind" options={RULE_KINDS} {...f} />
        {hasEvent ? <TextField name={`${p}.event`} label="Event" hint="sale, lead, signup…" {...f} /> : null}
        <SelectInput
          name={`${p}.scopeType`}
          label="Applies to"
          options={[
            { value: 'program', label: 'Every partner' },
            { value: 'group', label: 'Partner groups' },
            { value: 'partner', label: 'Specific partners' },
          ]}
          {...f}
        />
        {rule?.scopeType === 'partner' || rule?.scopeType === 'group' ? (
          <div className="form-field">
            <label htmlFor={`scope-${index}`}>{rule.scopeType === 'partner' ? 'Partners' : 'Groups'}</label>
            <select id={`scope-${index}`} className="input" multiple size={4} {...register(`${p}.scopeIds`)}>
              {scopeOptions[rule.scopeType].map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {kind === 'product' ? (
          <>
            <SelectInput
              name={`${p}.matchBy`}
              label="Match items by"
              options={[
                { value: 'sku', label: 'SKU' },
                { value: 'productId', label: 'Product id' },
                { value: 'category', label: 'Category' },
              ]}
              {...f}
            />
            <TextField name={`${p}.matchValues`} label="Values" hint="Comma-separated" {...f} />
            <SelectInput
              name={`${p}.pricing`}
              label="Pays"
              options={[
                { value: 'rate', label: 'A rate of the item amount' },
                { value: 'amount', label: 'An amount per unit' },
              ]}
              {...f}
            />
          </>
        ) : null}
        {hasRate ? (
          <TextField name={`${p}.rate`} label="Rate (%)" hint="10, 12.5 or 1/3" inputMode="decimal" {...f} />
        ) : null}
        {hasAmount ? (
          <TextField
            name={`${p}.amount`}
            label={`${kind === 'cap' ? 'Limit' : kind === 'product' ? 'Amount per unit' : 'Amount'} (${currency})`}
            inputMode="decimal"
            {...f}
          />
        ) : null}
        {kind === 'recurring' ? (
          <>
            <TextField
              name={`${p}.maxPayments`}
              label="Pays the first N payments"
              hint="Empty: for the customer's lifetime"
              inputMode="numeric"
              {...f}
            />
            <TextField
              name={`${p}.afterFromMonth`}
              label="From month"
              hint="Optional: another rate from this month"
              inputMode="numeric"
              {...f}
            />
            <TextField name={`${p}.afterRate`} label="Then rate (%)" inputMode="decimal" {...f} />
          </>
        ) : null}
        {kind === 'tiered' ? (
          <>
            <SelectInput
              name={`${p}.metric`}
              label="Tiers by"
              options={[
                { value: 'revenue', label: `Revenue in the month (${currency})` },
                { value: 'count', label: 'Number of conversions in the month' },
              ]}
              {...f}
            />
            <SelectInput
              name={`${p}.mode`}
              label="Mode"
              options={[
                { value: 'whole', label: 'Whole: the tier reached prices all of it' },
                { value: 'marginal', label: 'Marginal: each slice at its band' },
              ]}
              {...f}
            />
          </>
        ) : null}
        {kind === 'cap' ? (
          <SelectInput
            name={`${p}.per`}
            label="Per"
            options={[
              { value: 'conversion', label: 'Conversion' },
              { value: 'partner_period', label: 'Partner per month' },
            ]}
            {...f}
          />
        ) : null}
        {kind === 'bonus' ? (
          <>
            <SelectInput
              name={`${p}.trigger`}
              label="Paid when"
              options={[
                { value: 'count', label: 'Conversions in the month reach' },
                { value: 'revenue', label: `Revenue in the month reaches (${currency})` },
                { value: 'tier', label: 'A tier of a tiered rule is reached' },
              ]}
              {...f}
            />
            {rule.trigger === 'tier' ? (
              <>
                <TextField name={`${p}.tierRuleId`} label="Tiered rule id" {...f} />
                <TextField name={`${p}.tierId`} label="Tier id" {...f} />
              </>
            ) : (
              <TextField name={`${p}.threshold`} label="Threshold" inputMode="decimal" {...f} />
            )}
          </>
        ) : null}
      </div>
      {hasNet ? (
        <div className="row">
          <CheckboxField name={`${p}.netOfTax`} label="Net of tax" register={register} />
          <CheckboxField name={`${p}.netOfShipping`} label="Net of shipping" register={register} />
        </div>
      ) : null}
      {kind === 'tiered' ? (
        <fieldset className="sub-list form-section" aria-label="Tiers">
          {tiers.fields.map((t, ti) => (
            <div className="sub-row" key={t.key}>
              <TextField name={`${p}.tiers.${ti}.name`} label={`Tier ${ti + 1}`} {...f} />
              <TextField
                name={`${p}.tiers.${ti}.from`}
                label={rule.metric === 'count' ? 'From conversion #' : `From (${currency})`}
                inputMode="decimal"
                {...f}
              />
              <TextField name={`${p}.tiers.${ti}.rate`} label="Rate (%)" inputMode="decimal" {...f} />
              <TextField
                name={`${p}.tiers.${ti}.amount`}
                label={`or amount (${currency})`}
                inputMode="decimal"
                {...f}
              />
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => tiers.remove(ti)}
              >
                Remove tier
              </button>
            </div>
          ))}
          <div>
            <button
              type="button"
              className="button button-small"
              onClick={() => tiers.append({ id: newId(), name: '', from: '', rate: '', amount: '' })}
            >
              Add tier
            </button>
          </div>
        </fieldset>
      ) : null}
      {kind === 'multi_level' ? (
        <fieldset className="sub-list form-section" aria-label="Levels">
          {levels.fields.map((l, li) => (
            <div className="sub-row" key={l.key}>
              <TextField
                name={`${p}.levels.${li}.rate`}
                label={`Level ${li + 1} rate (%)`}
                inputMode="decimal"
                {...f}
              />
              <SelectInput
                name={`${p}.levels.${li}.of`}
                label="Of"
                options={[
                  { value: 'commission', label: "The child's commission" },
                  { value: 'revenue', label: 'The revenue' },
                ]}
                {...f}
              />
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => levels.remove(li)}
              >
                Remove level
              </button>
            </div>
          ))}
          <div>
            <button
              type="button"
              className="button button-small"
              onClick={() => levels.append({ rate: '5', of: 'commission' })}
            >
              Add level
            </button>
          </div>
        </fieldset>
      ) : null}
      {problems.length > 0 ? (
        <ul className="problem-list" role="alert" data-testid={`rule-${index}-problems`}>
          {problems.map((problem) => (
            <li key={problem.path + problem.message}>{problem.message}</li>
          ))}
        </ul>
      ) : null}
      <p className="explanation">id {rule?.id}</p>
    </section>
  )
}

import type { AdminOutputs } from '@tandem/api'
import { Card, formatMoney } from '@tandem/ui'
import { useMutation } from '@tanstack/react-query'
import { useFieldArray, useForm } from 'react-hook-form'
import { SelectInput, TextField } from '../../kit/form-fields.tsx'
import { parseMajor } from '../../kit/money-input.ts'
import { MutationStatus } from '../../kit/mutation-status.tsx'
import { useTRPC } from '../../trpc.ts'

type Program = AdminOutputs['programs']['get']

interface SimValues {
  use: 'draft' | 'in_force'
  event: string
  amount: string
  tax: string
  shipping: string
  coupon: string
  clicks: { partnerId: string; minutesBefore: string }[]
  lines: { sku: string; category: string; quantity: string; amount: string }[]
  periodConversions: string
  periodRevenue: string
}

/** An example order priced by core with the draft (or the version in force), before saving. */
export function SimulatorCard({
  program,
  draftRules,
  partners,
}: {
  readonly program: Program
  readonly draftRules: () => Record<string, unknown>[]
  readonly partners: readonly { value: string; label: string }[]
}) {
  const trpc = useTRPC()
  const simulate = useMutation(trpc.rules.simulate.mutationOptions())
  const currency = program.currency
  const { register, control, handleSubmit, setError, formState } = useForm<SimValues>({
    defaultValues: {
      use: 'draft',
      event: 'sale',
      amount: '120.00',
      tax: '20.00',
      shipping: '0',
      coupon: '',
      clicks: partners[0] ? [{ partnerId: partners[0].value, minutesBefore: '60' }] : [],
      lines: [],
      periodConversions: '',
      periodRevenue: '',
    },
  })
  const clicks = useFieldArray({ control, name: 'clicks' })
  const lines = useFieldArray({ control, name: 'lines' })
  const f = { register, errors: formState.errors }
  const money = (name: keyof SimValues | `lines.${number}.amount`, text: string): number | null => {
    const minor = parseMajor(text || '0', currency)
    if (minor === null) setError(name as never, { message: `An amount in ${currency}` })
    return minor
  }
  const onSubmit = handleSubmit((v) => {
    const amountMinor = money('amount', v.amount)
    const taxMinor = money('tax', v.tax)
    const shippingMinor = money('shipping', v.shipping)
    const lineItems = v.lines.map((l, i) => ({
      sku: l.sku,
      category: l.category || null,
      quantity: Number(l.quantity || 1),
      amountMinor: money(`lines.${i}.amount`, l.amount) ?? 0,
    }))
    if (amountMinor === null || taxMinor === null || shippingMinor === null) return
    simulate.mutate({
      programId: program.id,
      ...(v.use === 'draft' ? { rules: draftRules() as never } : {}),
      order: {
        event: v.event || 'sale',
        amountMinor,
        taxMinor,
        shippingMinor,
        lineItems,
        coupon: v.coupon.trim() || null,
      },
      clicks: v.clicks
        .filter((c) => c.partnerId)
        .map((c) => ({ partnerId: c.partnerId, minutesBefore: Number(c.minutesBefore || 0) })),
      period:
        v.periodConversions || v.periodRevenue
          ? {
              conversions: Number(v.periodConversions || 0),
              revenueMinor: parseMajor(v.periodRevenue || '0', currency) ?? 0,
              commissionMinor: 0,
            }
          : null,
    })
  })
  const r = simulate.data
  return (
    <Card
      title="Simulator"
      description="Enter an example order and see who earns what, and why — nothing is saved."
    >
      <form className="card-body stack" onSubmit={onSubmit} noValidate aria-label="Simulate an order">
        <div className="form-grid">
          <SelectInput
            name="use"
            label="Price with"
            options={[
              { value: 'draft', label: 'The draft above' },
              { value: 'in_force', label: 'The version in force' },
            ]}
            {...f}
          />
          <TextField name="event" label="Event" {...f} />
          <TextField name="amount" label={`Order total (${currency})`} inputMode="decimal" {...f} />
          <TextField name="tax" label={`Tax (${currency})`} inputMode="decimal" {...f} />
          <TextField name="shipping" label={`Shipping (${currency})`} inputMode="decimal" {...f} />
          <TextField name="coupon" label="Coupon code" {...f} />
          <TextField
            name="periodConversions"
            label="Partner's conversions earlier this month"
            inputMode="numeric"
            {...f}
          />
          <TextField
            name="periodRevenue"
            label={`Partner's revenue earlier this month (${currency})`}
            inputMode="decimal"
            {...f}
          />
        </div>
        <fieldset className="form-section">
          <legend>Clicks before the order</legend>
          <div className="sub-list">
            {clicks.fields.map((c, i) => (
              <div className="sub-row" key={c.id}>
                <SelectInput
                  name={`clicks.${i}.partnerId`}
                  label={`Click ${i + 1}: partner`}
                  options={[{ value: '', label: 'Choose a partner' }, ...partners]}
                  {...f}
                />
                <TextField
                  name={`clicks.${i}.minutesBefore`}
                  label="Minutes before the order"
                  inputMode="numeric"
                  {...f}
                />
                <button
                  type="button"
                  className="button button-small button-quiet"
                  onClick={() => clicks.remove(i)}
                >
                  Remove
                </button>
              </div>
            ))}
            <div>
              <button
                type="button"
                className="button button-small"
                onClick={() => clicks.append({ partnerId: partners[0]?.value ?? '', minutesBefore: '60' })}
              >
                Add a click
              </button>
              {partners.length === 0 ? (
                <span className="form-hint"> No approved partner in this program yet.</span>
              ) : null}
            </div>
          </div>
        </fieldset>
        <fieldset className="form-section">
          <legend>Order lines (optional, for product rules)</legend>
          <div className="sub-list">
            {lines.fields.map((l, i) => (
              <div className="sub-row" key={l.id}>
                <TextField name={`lines.${i}.sku`} label="SKU" {...f} />
                <TextField name={`lines.${i}.category`} label="Category" {...f} />
                <TextField name={`lines.${i}.quantity`} label="Quantity" inputMode="numeric" {...f} />
                <TextField
                  name={`lines.${i}.amount`}
                  label={`Line total (${currency})`}
                  inputMode="decimal"
                  {...f}
                />
                <button
                  type="button"
                  className="button button-small button-quiet"
                  onClick={() => lines.remove(i)}
                >
                  Remove
                </button>
              </div>
            ))}
            <div>
              <button
                type="button"
                className="button button-small"
                onClick={() => lines.append({ sku: '', category: '', quantity: '1', amount: '' })}
              >
                Add a line
              </button>
            </div>
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={simulate.isPending}>
            Simulate
          </button>
          <MutationStatus mutation={simulate} pending="Pricing…" success={null} />
        </div>
      </form>
      {r ? (
        <div
          className="card-body stack"
          data-testid="simulation"
          data-total={`${r.total.currency}:${r.total.amountMinor}`}
        >
          {r.problems.length > 0 ? (
            <ul className="problem-list" role="alert">
              {r.problems.map((p) => (
                <li key={p.path + p.message}>{p.message}</li>
              ))}
            </ul>
          ) : (
            <>
              <div className="banner is-good">
                Total commission <strong>{formatMoney(r.total)}</strong>
                {r.ruleSet?.source === 'version'
                  ? ` (version ${r.ruleSet.version})`
                  : r.ruleSet
                    ? ' (draft)'
                    : ''}
              </div>
              <div>
                <h3 className="form-label">Attribution</h3>
                <p className="explanation">
                  {r.attribution.explanation || 'No touch: nobody is attributed.'}
                </p>
              </div>
              {r.lines.length > 0 ? (
                <ul className="plain-list" aria-label="Commission lines">
                  {r.lines.map((l) => (
                    <li key={`${l.partnerId}-${l.ruleId}-${l.level}-${l.kind}`}>
                      <strong>{formatMoney(l.amount)}</strong> to {l.partnerName ?? l.partnerId} — rule{' '}
                      <em>{l.ruleName ?? l.ruleId}</em> ({l.kind}
                      {l.level > 0 ? `, level ${l.level}` : ''})<p className="explanation">{l.explanation}</p>
                    </li>
                  ))}
                </ul>
              ) : null}
              {r.notes.length > 0 ? (
                <ul className="plain-list muted" aria-label="Notes">
                  {r.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </Card>
  )
}
